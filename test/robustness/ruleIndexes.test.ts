// The look-ups the rules keep or index give exactly what their plain definitions give: the memo of
// normalised key paths, the merged allowed ports of the workspace, static-port-mismatch's ports
// per setting (the plain rule compared each fact with every other), static-port-not-opened's
// search in the configured ports and static-port-conflict's first write per setting and port.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { normalizeKeyPath, normalizeKeyPathOnce, portEntries } from '../../server/src/catalog';
import { portSetContains, type PortSet } from '../../server/src/parsers/common/firewall';
import staticPortConflict, { configuredRpcRanges } from '../../server/src/rules/static-port-conflict';
import staticPortMismatch from '../../server/src/rules/static-port-mismatch';
import staticPortNotOpened from '../../server/src/rules/static-port-not-opened';
import { isValidPort, serviceLabel, staticPortWrites } from '../../server/src/rules/support/staticPorts';
import { analyzeDocument } from '../../server/src/service/analyze';
import { mergeSettings } from '../../server/src/service/config';
import type { AnalyzedDocument, FirewallOpening, StaticPortFact, WorkspaceView } from '../../server/src/service/types';
import { mergedRanges, rangesContain } from '../../server/src/service/workspace';
import { params } from './support/fuzz';

const SEGMENTS = ['HKLM', 'HKLM:', 'HKEY_LOCAL_MACHINE', 'Registry::HKLM', 'hkcu', 'SYSTEM', 'system', 'ControlSet001', 'ControlSet000', 'CurrentControlSet', 'Services', 'MSExchangeRPC', 'ParametersSystem', '', ' '];
const pathArb = fc.oneof(
  fc.array(fc.constantFrom(...SEGMENTS), { maxLength: 6 }).map((segments) => segments.join('\\')),
  fc.string({ maxLength: 12 }),
);

describe('rule look-ups equal their plain definitions', () => {
  test('normalizeKeyPath (remembered) equals normalising each time', () => {
    fc.assert(
      fc.property(fc.array(pathArb, { minLength: 1, maxLength: 30 }), (paths) => {
        // Each path twice: the second answer comes from the memo.
        for (const path of [...paths, ...paths]) assert.equal(normalizeKeyPath(path), normalizeKeyPathOnce(path), JSON.stringify(path));
      }),
      params(200),
    );
  });

  const portArb = fc.oneof(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 59500, max: 59600 }), fc.constantFrom(-1, 65536, 0.5, Number.NaN));
  const rangeArb = fc.tuple(portArb, fc.oneof(fc.constant(0), fc.integer({ min: -2, max: 40 }), fc.integer({ min: 0, max: 70000 }))).map(([from, width]) => ({ from, to: from + width }));
  const setArb: fc.Arbitrary<PortSet> = fc.oneof({ weight: 1, arbitrary: fc.constant('any' as const) }, { weight: 9, arbitrary: fc.array(rangeArb, { maxLength: 5 }) });

  test('the merged allowed ranges hold exactly the ports some set holds', () => {
    fc.assert(
      fc.property(fc.array(setArb, { maxLength: 8 }), fc.array(portArb, { maxLength: 40 }), (sets, ports) => {
        const merged = mergedRanges(sets);
        const probes = [...ports, ...sets.flatMap((set) => (set === 'any' ? [0, 65535] : set.flatMap(({ from, to }) => [from - 1, from, to, to + 1])))];
        for (const port of probes) assert.equal(rangesContain(merged, port), sets.some((set) => portSetContains(set, port)), `port ${port} in ${JSON.stringify(sets)}`);
      }),
      params(300),
    );
  });

  test('static-port-mismatch equals comparing every fact with every other', () => {
    const settings = mergeSettings();
    const doc = analyzeDocument(TextDocument.create('file:///ws/a.reg', 'reg', 1, 'Windows Registry Editor Version 5.00\r\n'), () => undefined);
    const factArb = fc.record({
      uri: fc.constantFrom('file:///ws/a.reg', 'file:///ws/b.reg', 'file:///ws/c.ps1', 'file:///ws/sub/b.reg'),
      settingId: fc.constantFrom('rpc-client-access-port', 'address-book-port'),
      port: fc.oneof(fc.integer({ min: 59530, max: 59536 }), fc.constantFrom(135, 60554, 60555)),
      start: fc.nat(200),
    });
    fc.assert(
      fc.property(fc.array(factArb, { maxLength: 14 }), (rows) => {
        const facts: StaticPortFact[] = rows.map(({ uri, settingId, port, start }) => ({ uri, settingId, service: settingId, port, span: { start, end: start + 5 }, line: 0 }));
        const workspace = viewOf(facts);
        const found = [...staticPortMismatch.check(doc, { settings, workspace })].map(({ start, end, message }) => ({ start, end, message }));
        assert.deepEqual(found, plainMismatch(doc, facts, workspace, settings.staticPortRange));
      }),
      params(300),
    );
  });

  test('static-port-not-opened reports the openings no configured port falls in, as trying every port does', () => {
    const settings = mergeSettings();
    const doc = analyzeDocument(TextDocument.create('file:///ws/a.reg', 'reg', 1, 'Windows Registry Editor Version 5.00\r\n'), () => undefined);
    // Facts hold valid ports only (readFacts checks them); an opening may hold anything.
    const portArb = fc.oneof(fc.integer({ min: 59525, max: 59540 }), fc.constantFrom(135, 60554, 60555));
    const factArb = fc.record({ uri: fc.constantFrom('file:///ws/a.reg', 'file:///ws/b.reg'), port: portArb });
    const openingArb = fc.record({ uri: fc.constantFrom('file:///ws/a.reg', 'file:///ws/b.reg'), from: fc.oneof(portArb, fc.constant(Number.NaN)), width: fc.integer({ min: -2, max: 6 }), start: fc.nat(200) });
    fc.assert(
      fc.property(fc.array(factArb, { maxLength: 10 }), fc.array(openingArb, { maxLength: 10 }), (factRows, openingRows) => {
        const facts: StaticPortFact[] = factRows.map(({ uri, port }, at) => ({ uri, settingId: 'rpc-client-access-port', service: 'RPC Client Access', port, span: { start: at, end: at + 1 }, line: 0 }));
        const openings: FirewallOpening[] = openingRows.map(({ uri, from, width, start }) => ({ uri, from, to: from + width, span: { start, end: start + 3 }, line: 0 }));
        const found = [...staticPortNotOpened.check(doc, { settings, workspace: viewOf(facts, openings) })].map(({ start, end, message }) => ({ start, end, message }));
        assert.deepEqual(found, plainUnconfiguredOpenings(doc.textDocument.uri, facts, openings, settings.staticPortRange));
      }),
      params(300),
    );
  });

  test('static-port-conflict finds the twin that searching all writes of the port finds', () => {
    const settings = mergeSettings();
    const keys = ["'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem' -Name 'TCP/IP Port'", "'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters' -Name 'RpcTcpPort'"];
    const lineArb = fc.oneof(
      fc.record({ key: fc.constantFrom(...keys), port: fc.constantFrom(59532, 59533, 135, 443, 5000, 70000, 0) }).map(({ key, port }) => `Set-ItemProperty -Path ${key} -Value ${port}`),
      fc.constantFrom("Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Rpc\\Internet' -Name Ports -Value '59530-59532'", 'Write-Host ok'),
    );
    let counter = 0;
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 12 }), (lines) => {
        counter += 1;
        const doc = analyzeDocument(TextDocument.create(`file:///ws/${counter}.ps1`, 'powershell', 1, lines.join('\n')), () => undefined);
        const found = [...staticPortConflict.check(doc, { settings })].map(({ start, end, message }) => ({ start, end, message }));
        assert.deepEqual(found, plainConflicts(doc));
      }),
      params(200),
    );
  });
});

function viewOf(facts: StaticPortFact[], openings: FirewallOpening[] = []): WorkspaceView {
  // Two URIs share a display name: files are listed once per name.
  const displayName = (uri: string) => uri.slice(uri.lastIndexOf('/') + 1);
  return { staticPorts: () => facts, firewallFiles: () => [], firewallFilesAllowing: () => [], isPortAllowedAnywhere: () => false, openings: () => openings, displayName };
}

/** static-port-not-opened's information findings as first written: every configured port tried for each opening. */
function plainUnconfiguredOpenings(uri: string, facts: StaticPortFact[], openings: FirewallOpening[], { min, max }: { min: number; max: number }) {
  if (facts.length === 0) return [];
  const configuredPorts = [...new Set(facts.map((fact) => fact.port))].sort((a, b) => a - b);
  const found: { start: number; end: number; message: string }[] = [];
  for (const opening of openings) {
    if (opening.uri !== uri || opening.from < min || opening.to > max) continue;
    if (configuredPorts.some((port) => port >= opening.from && port <= opening.to)) continue;
    const ports = opening.from === opening.to ? `Port ${opening.from}` : `Ports ${opening.from}–${opening.to}`;
    found.push({
      ...opening.span,
      message: `${ports} in the static RPC range ${min}–${max} ${opening.from === opening.to ? 'is' : 'are'} opened, but no file of the workspace configures a static port there (configured: ${configuredPorts.join(', ')}).`,
    });
  }
  return found;
}

/** static-port-conflict's messages as first written: each write's twin searched among all writes of its port. */
function plainConflicts(doc: AnalyzedDocument): { start: number; end: number; message: string }[] {
  const targets = staticPortWrites(doc).filter((target) => isValidPort(target.number));
  const dynamicRanges = configuredRpcRanges(doc);
  const found: { start: number; end: number; message: string }[] = [];
  for (const target of targets) {
    const port = target.number as number;
    const twin = targets.find((other) => other.number === port && other !== target && other.setting.id !== target.setting.id);
    const wellKnown = twin
      ? undefined
      : portEntries(port).find((entry) => entry.kind === 'service' && entry.transport !== 'UDP' && entry.ports.some((range) => port >= range.from && port <= range.to && range.to - range.from < 16));
    const range = twin || wellKnown ? undefined : dynamicRanges.find((r) => port >= r.from && port <= r.to);
    let reason: string | undefined;
    if (twin) reason = `${serviceLabel(twin.setting)} is configured on the same port`;
    else if (wellKnown) reason = `it is the port of ${wellKnown.service}`;
    else if (range) reason = `it lies inside the RPC dynamic range ${range.from}–${range.to} this file configures`;
    if (reason) found.push({ ...target.write.dataSpan, message: `${serviceLabel(target.setting)} static port ${port} conflicts: ${reason}.` });
  }
  return found;
}

/** The rule as first written: each of the file's facts compared with every fact of the workspace. */
function plainMismatch(doc: AnalyzedDocument, facts: StaticPortFact[], workspace: WorkspaceView, { min, max }: { min: number; max: number }) {
  const uri = doc.textDocument.uri;
  const all = facts.filter((fact) => fact.port >= min && fact.port <= max);
  const found: { start: number; end: number; message: string }[] = [];
  for (const own of all.filter((fact) => fact.uri === uri)) {
    const filesByPort = new Map<number, string[]>();
    for (const other of all) {
      if (other.uri === uri || other.settingId !== own.settingId || other.port === own.port) continue;
      const files = filesByPort.get(other.port) ?? [];
      const name = workspace.displayName(other.uri);
      if (!files.includes(name)) files.push(name);
      filesByPort.set(other.port, files);
    }
    if (filesByPort.size === 0) continue;
    const ports = [...filesByPort.entries()].sort(([a], [b]) => a - b);
    const described = ports.map(([port, files]) => `${port} in ${files.join(', ')}`).join('; ');
    found.push({ ...own.span, message: `${own.service} static port ${own.port} differs from ${described}: every server of the array needs the same port.` });
  }
  return found;
}
