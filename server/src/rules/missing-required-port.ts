// missing-required-port (warning): the file says which Exchange server it protects (a role
// directive, or the `roles` setting) and a port the catalog requires inbound for that role and
// version is not open: no allow rule lets a new connection reach it on the input path (or the
// forward path, when the file forwards to servers behind it) before a drop decides it.
import { defineRule, type Finding } from '../service/types';
import { FIREWALL_LANGUAGES } from './support/firewall';
import { allowRuleEdits } from './support/firewallEdits';
import { describeRequiredPort, describeRole, documentRole, requiredPorts } from './support/firewallRole';

export default defineRule({
  id: 'missing-required-port',
  defaultSeverity: 'warning',
  appliesTo: FIREWALL_LANGUAGES,
  description: 'A port the catalog requires inbound for the file\'s Exchange role and version is not open.',
  *check(doc, { settings }): Iterable<Finding> {
    const { role } = documentRole(doc, settings);
    if (!role) return;
    const missing = requiredPorts(doc, role).filter((required) => !required.open);
    if (missing.length === 0) return;
    const edits = allowRuleEdits(doc, missing);
    const ports = missing.map((required) => `${required.port}/${required.protocol.toUpperCase()}`).join(', ');
    yield {
      ruleId: 'missing-required-port',
      ...role.span,
      message: `${describeRole(role)} needs inbound ${missing.map(describeRequiredPort).join('; ')}, but no rule opens ${missing.length === 1 ? 'it' : 'them'}.`,
      ...(edits ? { fixes: [{ title: `Allow ${ports} inbound`, edits, preferred: true }] } : {}),
    };
  },
});
