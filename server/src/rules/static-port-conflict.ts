// static-port-conflict (error): a static RPC port that cannot be had — both services on one port,
// a port the catalog knows another service listens on (135, 443, 6001 …), or a port inside the
// Windows RPC dynamic range the same file configures (`HKLM\SOFTWARE\Microsoft\Rpc\Internet` `Ports`).
import { portEntries, registrySetting } from '../catalog';
import type { PortEntry, RegistrySetting } from '../catalog/types';
import { defineRule, type Finding } from '../service/types';
import type { AnalyzedDocument } from '../service/types';
import { catalogSetting, catalogWrites, isValidPort, serviceLabel, setFreePortFix, staticPortWrites, withLazyFixes, type StaticPortWrite } from './support/staticPorts';

const RPC_INTERNET_PORTS = { key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet', value: 'Ports' };
/** Wider than this, a catalog "service" entry is a pool of ports, not a port someone listens on. */
const WELL_KNOWN_MAX_WIDTH = 16;

export default defineRule({
  id: 'static-port-conflict',
  defaultSeverity: 'error',
  appliesTo: ['reg', 'powershell', 'bat'],
  description: 'Static RPC port shared by both services, equal to a well-known port, or inside the configured RPC dynamic range.',
  *check(doc, { settings }): Iterable<Finding> {
    const targets = staticPortWrites(doc).filter((target) => isValidPort(target.number));
    const dynamicRanges = configuredRpcRanges(doc);
    // By port, the first write of each setting, in document order: a script can set the ports a
    // thousand times, and a write's twin is the first write of another setting on its port.
    const byPort = new Map<number, Map<string, StaticPortWrite>>();
    for (const target of targets) {
      let first = byPort.get(target.number as number);
      if (first === undefined) byPort.set(target.number as number, (first = new Map()));
      if (!first.has(target.setting.id)) first.set(target.setting.id, target);
    }
    for (const target of targets) {
      const port = target.number as number;
      const twin = firstOtherSetting(byPort.get(port), target.setting.id);
      const wellKnown = twin ? undefined : wellKnownUse(port);
      const range = twin || wellKnown ? undefined : dynamicRanges.find((r) => port >= r.from && port <= r.to);
      let reason: string | undefined;
      if (twin) reason = `${serviceLabel(twin.setting)} is configured on the same port`;
      else if (wellKnown) reason = `it is the port of ${wellKnown.service}`;
      else if (range) reason = `it lies inside the RPC dynamic range ${range.from}–${range.to} this file configures`;
      if (!reason) continue;
      yield withLazyFixes(
        {
          ruleId: 'static-port-conflict',
          ...target.write.dataSpan,
          message: `${serviceLabel(target.setting)} static port ${port} conflicts: ${reason}.`,
        },
        () => setFreePortFix(doc, target, settings),
      );
    }
  },
});

function firstOtherSetting(firstBySetting: Map<string, StaticPortWrite> | undefined, settingId: string): StaticPortWrite | undefined {
  if (firstBySetting) for (const [id, target] of firstBySetting) if (id !== settingId) return target;
  return undefined;
}

/** Catalog data, by port: every write of a script asks again. */
const wellKnownUses = new Map<number, PortEntry | undefined>();

function wellKnownUse(port: number): PortEntry | undefined {
  if (!wellKnownUses.has(port)) wellKnownUses.set(port, findWellKnownUse(port));
  return wellKnownUses.get(port);
}

function findWellKnownUse(port: number): PortEntry | undefined {
  return portEntries(port).find(
    (entry) =>
      entry.kind === 'service' &&
      entry.transport !== 'UDP' &&
      entry.ports.some((range) => port >= range.from && port <= range.to && range.to - range.from < WELL_KNOWN_MAX_WIDTH),
  );
}

let rpcInternetPorts: { setting: RegistrySetting | undefined } | undefined;

/** The ranges of `Rpc\Internet\Ports` (`5000-6000` or `5984`) written in this document. */
export function configuredRpcRanges(doc: AnalyzedDocument): { from: number; to: number }[] {
  const ranges: { from: number; to: number }[] = [];
  // Catalog data: looked up once, not on every check.
  rpcInternetPorts ??= { setting: registrySetting(RPC_INTERNET_PORTS.key, RPC_INTERNET_PORTS.value) };
  const { setting } = rpcInternetPorts;
  for (const write of catalogWrites(doc)) {
    if (write.deleted || !setting || catalogSetting(write) !== setting) continue;
    const entries = write.data.kind === 'strings' ? write.data.value : write.data.kind === 'string' ? [write.data.value] : [];
    for (const entry of entries) {
      const match = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(entry);
      if (match) ranges.push({ from: Number(match[1]), to: Number(match[2] ?? match[1]) });
    }
  }
  return ranges;
}
