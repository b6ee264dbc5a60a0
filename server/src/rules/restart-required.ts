// restart-required (information): a script sets a static RPC port but never restarts the service
// that reads it. MSExchangeRPC and MSExchangeAB read their port only when they start, so until
// then Outlook is still told the old (dynamic) port and the firewall opened for the new one idles.
// A restart counts when it comes after the script's last write of that port: Restart-Service (also
// piped from Get-Service, or through wildcards), Stop- then Start-Service, `net stop`/`net start`,
// `sc.exe`, or a reboot.
import type { RegistryWrite } from '../parsers/common/model';
import { defineRule, type AnalyzedDocument, type FixData, type Finding } from '../service/types';
import { restartedAfter, serviceControls } from './support/serviceControl';
import { serviceLabel, staticPortWrites, type StaticPortWrite } from './support/staticPorts';

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The restart line after the write's line, indented like it, in the file's own line endings. */
function restartFix(doc: AnalyzedDocument, service: string, write: RegistryWrite): FixData {
  const { text, eol } = doc;
  const command = doc.languageId === 'bat' ? `net stop ${service} & net start ${service}` : `Restart-Service ${service}`;
  const indent = /^[ \t]*/.exec(text.slice(lineStart(text, write.statementSpan.start)))?.[0] ?? '';
  const newline = text.indexOf('\n', write.statementSpan.end);
  const edit =
    newline < 0
      ? { start: text.length, end: text.length, newText: `${eol}${indent}${command}` }
      : { start: newline + 1, end: newline + 1, newText: `${indent}${command}${eol}` };
  return { title: `Add \`${command}\` after the change`, edits: [edit], preferred: true };
}

export default defineRule({
  id: 'restart-required',
  defaultSeverity: 'information',
  appliesTo: ['powershell', 'bat'],
  description: 'A script sets a static RPC port but does not restart the service (MSExchangeRPC, MSExchangeAB) afterwards.',
  *check(doc): Iterable<Finding> {
    const lastWrites = new Map<string, StaticPortWrite>();
    for (const target of staticPortWrites(doc)) {
      const service = target.setting.service;
      const previous = service === undefined ? undefined : lastWrites.get(service);
      if (service !== undefined && (previous === undefined || target.write.statementSpan.end > previous.write.statementSpan.end)) lastWrites.set(service, target);
    }
    if (lastWrites.size === 0) return;
    const controls = serviceControls(doc);
    for (const [service, { write, setting }] of lastWrites) {
      if (restartedAfter(controls, service, write.statementSpan.end)) continue;
      yield {
        ruleId: 'restart-required',
        ...write.nameSpan,
        message: `The ${serviceLabel(setting)} port is set here, but ${service} is not restarted afterwards: it keeps listening on its old port until it restarts.`,
        fixes: [restartFix(doc, service, write)],
      };
    }
  },
});
