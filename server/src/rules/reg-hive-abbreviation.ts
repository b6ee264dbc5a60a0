// reg-hive-abbreviation (error): regedit needs the full hive name in a key line; `[HKLM\...]`
// makes the import fail. Fix: expand the abbreviation.
import { HIVE_ABBREVIATIONS } from '../catalog';
import { defineRule, type Finding } from '../service/types';

/** Upper-casing never shortens a string: a longer hive is never an abbreviation. */
const LONGEST_ABBREVIATION = Math.max(...Object.keys(HIVE_ABBREVIATIONS).map((abbreviation) => abbreviation.length));

export default defineRule({
  id: 'reg-hive-abbreviation',
  defaultSeverity: 'error',
  appliesTo: ['reg'],
  description: 'Abbreviated hive (`HKLM`, `HKCU`, …) in a .reg key: regedit needs the full hive name.',
  *check(doc): Iterable<Finding> {
    if (doc.syntax.format !== 'reg') return;
    const { text } = doc;
    for (const key of doc.syntax.tree.keys) {
      // The hive is the path up to its first `\`; read from the text, so that the paths of a
      // large export's keys are not made as strings.
      const { start, end } = key.pathSpan;
      const limit = Math.min(end, start + LONGEST_ABBREVIATION + 1);
      let hiveEnd = start;
      while (hiveEnd < limit && text.charCodeAt(hiveEnd) !== 92) hiveEnd++;
      if (hiveEnd - start > LONGEST_ABBREVIATION) continue;
      const hive = text.slice(start, hiveEnd);
      const full = HIVE_ABBREVIATIONS[hive.toUpperCase()];
      if (!full) continue;
      const span = { start, end: hiveEnd };
      yield {
        ruleId: 'reg-hive-abbreviation',
        ...span,
        message: `Regedit does not understand \`${hive}\` in a .reg file: write the full hive name \`${full}\`.`,
        fixes: [{ title: `Expand to ${full}`, edits: [{ ...span, newText: full }], preferred: true }],
      };
    }
  },
});
