// invalid-port (error): a value that should hold a port but is not a whole number from 1 to 65535:
// a static RPC port of 0, 70000 or "abc", or an `Rpc\Internet` `Ports` entry Windows cannot read —
// one bad entry there invalidates the whole RPC port configuration (KB154596). In firewall files
// the parsers find them (`--dport 70000`, a range that ends before it starts).
import { registrySetting } from '../catalog';
import { INVALID_PORT } from '../parsers/common/firewall';
import { defineRule, type Finding } from '../service/types';
import { FIREWALL_LANGUAGES } from './support/firewall';
import { problemsWithCode } from './support/parseProblems';
import { catalogWrites, isValidPort, serviceLabel, setFreePortFix, staticPortWrites } from './support/staticPorts';

/** The value name of the `Rpc\Internet` port ranges (`rpc-internet-ports`). */
const RPC_PORTS_VALUE = 'ports';

export default defineRule({
  id: 'invalid-port',
  defaultSeverity: 'error',
  appliesTo: ['reg', 'powershell', 'bat', ...FIREWALL_LANGUAGES],
  description: 'A port value that is not an integer from 1 to 65535.',
  *check(doc, { settings }): Iterable<Finding> {
    yield* problemsWithCode(doc, INVALID_PORT);
    for (const target of staticPortWrites(doc)) {
      if (isValidPort(target.number) || target.write.data.kind === 'invalid') continue;
      const shown = target.number !== undefined ? String(target.number) : describeData(target.write.data);
      yield {
        ruleId: 'invalid-port',
        ...target.write.dataSpan,
        message: `${serviceLabel(target.setting)} port ${shown} is not a port: use a whole number from 1 to 65535 (recommended ${settings.staticPortRange.min}–${settings.staticPortRange.max}).`,
        fixes: setFreePortFix(doc, target, settings),
      };
    }
    for (const write of catalogWrites(doc)) {
      // Only `Ports` can be the Rpc\Internet setting: the name first, then the look-up (which
      // normalises the key), and the data last (reading it may decode hex).
      if (write.deleted || write.valueName.toLowerCase() !== RPC_PORTS_VALUE) continue;
      const setting = registrySetting(write.keyPath, write.valueName);
      if (!setting || setting.id !== 'rpc-internet-ports' || write.data.kind !== 'strings') continue;
      const bad = write.data.value.filter((entry) => !isPortOrRange(entry));
      if (bad.length === 0) continue;
      yield {
        ruleId: 'invalid-port',
        ...write.dataSpan,
        message: `RPC \`Ports\` entr${bad.length === 1 ? 'y' : 'ies'} ${bad.map((entry) => `"${entry}"`).join(', ')} cannot be read: Windows then ignores the whole RPC port configuration. Each entry must be a port or a range like 5000-5100 within 1–65535.`,
      };
    }
  },
});

function describeData(data: { kind: string; value?: unknown }): string {
  return typeof data.value === 'string' ? `"${data.value}"` : 'value';
}

function isPortOrRange(entry: string): boolean {
  const match = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(entry);
  if (!match) return false;
  const from = Number(match[1]);
  const to = Number(match[2] ?? match[1]);
  return isValidPort(from) && isValidPort(to) && from <= to;
}
