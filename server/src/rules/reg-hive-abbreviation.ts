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
    for (const key of doc.syntax.tree.keys) {
      // The key knows its hive's length (kept across edits): a large export's paths are never made as strings.
      if (key.hiveLength > LONGEST_ABBREVIATION) continue;
      const { start } = key.pathSpan;
      const hive = doc.text.slice(start, start + key.hiveLength);
      const full = HIVE_ABBREVIATIONS[hive.toUpperCase()];
      if (!full) continue;
      const span = { start, end: start + hive.length };
      yield {
        ruleId: 'reg-hive-abbreviation',
        ...span,
        message: `Regedit does not understand \`${hive}\` in a .reg file: write the full hive name \`${full}\`.`,
        fixes: [{ title: `Expand to ${full}`, edits: [{ ...span, newText: full }], preferred: true }],
      };
    }
  },
});
