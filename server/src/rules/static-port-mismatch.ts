// static-port-mismatch (warning): a service configured with one static port here and another one
// in a different file of the workspace. The workspace is taken as one Exchange organisation: every
// Client Access server of an array (and every Mailbox server holding public folders) must answer
// on the same port, because Outlook learns the port from whichever server it asked first.
// Only ports inside the static range are compared: one outside it is reported where it is written
// (static-port-out-of-range), and repeating it in every other file would bury that one finding.
import { defineRule, type AnalyzedDocument, type FixData, type Finding, type StaticPortFact } from '../service/types';
import { staticPortWrites } from './support/staticPorts';

export default defineRule({
  id: 'static-port-mismatch',
  defaultSeverity: 'warning',
  appliesTo: ['reg', 'powershell', 'bat'],
  crossFile: true,
  description: 'The same service set to different static ports in different files of the workspace (one CAS array).',
  *check(doc, { workspace, settings }): Iterable<Finding> {
    if (!workspace) return;
    const uri = doc.textDocument.uri;
    const { min, max } = settings.staticPortRange;
    const all = workspace.staticPorts().filter((fact) => fact.port >= min && fact.port <= max);
    // Other files' ports per setting, each with its files in workspace order: a script can set
    // the ports a thousand times, and comparing each of its writes with every fact was quadratic.
    const othersBySetting = new Map<string, Map<number, string[]>>();
    for (const other of all) {
      if (other.uri === uri) continue;
      let filesByPort = othersBySetting.get(other.settingId);
      if (!filesByPort) othersBySetting.set(other.settingId, (filesByPort = new Map()));
      const files = filesByPort.get(other.port) ?? [];
      const name = workspace.displayName(other.uri);
      if (!files.includes(name)) files.push(name);
      filesByPort.set(other.port, files);
    }
    const sortedPorts = new Map([...othersBySetting].map(([settingId, filesByPort]) => [settingId, [...filesByPort.entries()].sort(([a], [b]) => a - b)]));
    for (const own of all) {
      if (own.uri !== uri) continue;
      const ports = (sortedPorts.get(own.settingId) ?? []).filter(([port]) => port !== own.port);
      if (ports.length === 0) continue;
      const described = ports.map(([port, files]) => `${port} in ${files.join(', ')}`).join('; ');
      yield {
        ruleId: 'static-port-mismatch',
        ...own.span,
        message: `${own.service} static port ${own.port} differs from ${described}: every server of the array needs the same port.`,
        fixes: ports.flatMap(([port, files]) => useOtherPort(doc, own, port, files[0], ports.length === 1)),
      };
    }
  },
});

/** "Set the RPC Client Access port to 59600 (as in cas02.reg)", in the document's own syntax. */
function useOtherPort(doc: AnalyzedDocument, own: StaticPortFact, port: number, file: string, preferred: boolean): FixData[] {
  const editor = doc.model.registryEditor;
  const target = staticPortWrites(doc).find((candidate) => candidate.write.dataSpan.start === own.span.start);
  const type = target?.setting.type;
  if (!editor || !target || (type !== 'REG_DWORD' && type !== 'REG_SZ')) return [];
  return [{ title: `Set the ${own.service} port to ${port} (as in ${file})`, edits: editor.setValue(target.write, type, port), preferred }];
}
