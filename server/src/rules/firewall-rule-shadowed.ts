// firewall-rule-shadowed (warning): in a chain where the first matching rule wins, an accept or
// drop that can never match, because an earlier rule of the same chain already decides all of
// its traffic — or is an exact duplicate of it. Only an earlier rule whose matches the model
// reads completely can decide (see the superset invariant in parsers/common/firewall.ts).
// A redundant rule (same verdict) can simply go; a contradicted one needs moving, which only the
// author can judge, so it gets no fix.
import { defineRule, type Finding } from '../service/types';
import { FIREWALL_LANGUAGES, shadowsOf } from './support/firewall';
import { removeRuleEdits } from './support/firewallEdits';

export default defineRule({
  id: 'firewall-rule-shadowed',
  defaultSeverity: 'warning',
  appliesTo: FIREWALL_LANGUAGES,
  description: 'A firewall rule that never matches: an earlier rule of the same chain already decides all of its traffic.',
  *check(doc): Iterable<Finding> {
    const { rules } = doc.model.firewall;
    const shadows = shadowsOf(doc.model.firewall);
    // A verdict map becomes one model rule per entry, all with the statement's span (next to each
    // other: the model is in document order): the statement is dead only when every entry is.
    for (let at = 0, next = 1; at < rules.length; at = next, next = at + 1) {
      const rule = rules[at];
      let allDead = true;
      for (; next < rules.length && rules[next].span.start === rule.span.start; next++) if (!shadows[next]) allDead = false;
      const shadow = shadows[at];
      if (!shadow || !allDead) continue;
      const line = doc.textDocument.positionAt(shadow.by.span.start).line + 1;
      const sameVerdict = shadow.by.action === rule.action;
      const message = shadow.duplicate
        ? `This rule duplicates line ${line}, so it never matches.`
        : sameVerdict
          ? `This rule never matches: line ${line} (${shadow.by.target}) already decides all of its traffic the same way.`
          : `This rule never matches: line ${line} (${shadow.by.target}) already decides all of its traffic the other way. Move this rule above line ${line} if it should apply.`;
      yield {
        ruleId: 'firewall-rule-shadowed',
        ...rule.span,
        message,
        ...(sameVerdict ? { fixes: [{ title: 'Remove the redundant rule', edits: removeRuleEdits(doc, rule) }] } : {}),
      };
    }
  },
});
