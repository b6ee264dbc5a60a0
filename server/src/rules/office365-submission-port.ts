// office365-submission-port (warning): a script talks to Microsoft 365 / Outlook.com on a port
// the service does not offer the way the script expects. Client submission to smtp.office365.com
// is 587 with STARTTLS (catalog rows 1–5): 465 (implicit TLS) is not offered at all, 25 is an
// alternative that ISPs and Azure often block outbound, and without STARTTLS (Send-MailMessage
// without -UseSsl, SmtpClient without EnableSsl) the server refuses to authenticate. IMAP and POP
// on outlook.office365.com are TLS-only: 993 and 995, never 143 and 110.
import { portEntries } from '../catalog';
import type { OffsetEdit, Span } from '../parsers/common/model';
import type { PsScript, PsValue } from '../parsers/powershell/ast';
import { commands, resolveValue, type PsBoundParameter, type PsCommandView, type PsResolved } from '../parsers/powershell/commands';
import { defineRule, type AnalyzedDocument, type FixData, type Finding } from '../service/types';
import { commandFindings, NO_FINDINGS } from './support/commandFindings';

const RULE_ID = 'office365-submission-port';
const SUBMISSION_HOSTS = ['smtp.office365.com', 'smtp-mail.outlook.com'];
const MAILBOX_HOST = 'outlook.office365.com';
const SUBMISSION_PORT = 587;
/** Send-MailMessage's and SmtpClient's port when none is given. */
const DEFAULT_SMTP_PORT = 25;
/** Plaintext IMAP/POP → the TLS port outlook.office365.com answers on. */
const MAILBOX_TLS_PORTS: ReadonlyMap<number, number> = new Map([
  [143, 993],
  [110, 995],
]);

interface WrittenPort {
  port: number;
  span: Span;
}

function isSubmissionHost(host: string | undefined): boolean {
  return host !== undefined && SUBMISSION_HOSTS.includes(host.trim().toLowerCase());
}

function strings(resolved: PsResolved | undefined): string[] {
  if (resolved === undefined) return [];
  if (resolved.kind === 'string') return [resolved.value];
  if (resolved.kind === 'array') return resolved.items.flatMap(strings);
  return [];
}

function portOf(resolved: PsResolved | undefined): WrittenPort | undefined {
  if (resolved?.kind === 'number' && Number.isInteger(resolved.value)) return { port: resolved.value, span: resolved.span };
  if (resolved?.kind === 'string' && /^\s*\d{1,5}\s*$/.test(resolved.value)) return { port: Number(resolved.value), span: resolved.contentSpan ?? resolved.span };
  return undefined;
}

/** A switch counts as set unless it is `-UseSsl:$false` (or `UseSsl = $false` when splatted). */
function switchOn(doc: AnalyzedDocument, parameter: PsBoundParameter | undefined): boolean {
  if (parameter === undefined) return false;
  if (parameter.value === undefined) return true;
  return !/^\$false$|^0$/i.test(doc.text.slice(parameter.value.span.start, parameter.value.span.end).trim());
}

/** The catalog's word on a port of the submission host, for the message. */
function submissionService(port: number): string | undefined {
  return portEntries(port).find((entry) => entry.roles.includes('cloud') && entry.service.includes('smtp.office365.com'))?.service;
}

function portMessage(port: number, where: string): string {
  if (port === 465) {
    return `${where} uses port 465, but Microsoft 365 offers no implicit TLS (SMTPS) for client submission: use ${SUBMISSION_PORT} with STARTTLS.`;
  }
  const known = submissionService(port);
  return `${where} uses port ${port}${known ? ` (${known})` : ''}: Microsoft 365 client submission is ${SUBMISSION_PORT} with STARTTLS; ${port} is often blocked outbound.`;
}

function portFix(written: WrittenPort, port: number): FixData {
  return { title: `Use port ${port}`, edits: [{ ...written.span, newText: String(port) }], preferred: true };
}

function appendAt(view: PsCommandView, text: string): OffsetEdit {
  return { start: view.command.span.end, end: view.command.span.end, newText: text };
}

function* sendMailMessage(doc: AnalyzedDocument, view: PsCommandView): Iterable<Finding> {
  const server = view.parameter('SmtpServer', 'ComputerName');
  const host = strings(server?.value?.resolved)[0];
  if (server?.value === undefined || !isSubmissionHost(host)) return;
  const port = view.parameter('Port');
  const written = portOf(port?.value?.resolved);
  const useSsl = switchOn(doc, view.parameter('UseSsl'));
  const addSsl = useSsl ? [] : [appendAt(view, ' -UseSsl')];
  if (port === undefined) {
    yield {
      ruleId: RULE_ID,
      ...server.value.span,
      message: `Send-MailMessage to ${host} without -Port uses ${DEFAULT_SMTP_PORT}: Microsoft 365 client submission is ${SUBMISSION_PORT} with STARTTLS (-UseSsl).`,
      fixes: [{ title: `Add -Port ${SUBMISSION_PORT}${useSsl ? '' : ' -UseSsl'}`, edits: [appendAt(view, ` -Port ${SUBMISSION_PORT}${useSsl ? '' : ' -UseSsl'}`)], preferred: true }],
    };
    return;
  }
  if (written !== undefined && written.port !== SUBMISSION_PORT) {
    const fix = portFix(written, SUBMISSION_PORT);
    yield {
      ruleId: RULE_ID,
      ...written.span,
      message: portMessage(written.port, `Send-MailMessage to ${host}`),
      fixes: [{ ...fix, title: useSsl ? fix.title : `Use port ${SUBMISSION_PORT} with -UseSsl`, edits: [...fix.edits, ...addSsl] }],
    };
    return;
  }
  if (!useSsl) {
    yield {
      ruleId: RULE_ID,
      ...view.command.nameSpan,
      message: `Send-MailMessage to ${host} without -UseSsl never starts TLS, and Microsoft 365 accepts SMTP AUTH on ${SUBMISSION_PORT} only after STARTTLS: add -UseSsl.`,
      fixes: [{ title: 'Add -UseSsl', edits: addSsl, preferred: true }],
    };
  }
}

function* sendConnector(view: PsCommandView): Iterable<Finding> {
  const hosts = strings(view.parameter('SmartHosts')?.value?.resolved).flatMap((value) => value.split(','));
  const host = hosts.find((candidate) => isSubmissionHost(candidate.replace(/^\[|\]$/g, '')));
  const written = portOf(view.parameter('Port')?.value?.resolved);
  if (host === undefined || written?.port !== 465) return;
  yield { ruleId: RULE_ID, ...written.span, message: portMessage(465, `The Send connector to ${host.trim()}`), fixes: [portFix(written, SUBMISSION_PORT)] };
}

/** Any other command that names outlook.office365.com and a plaintext IMAP/POP port (`Test-NetConnection`). */
function* mailboxPort(view: PsCommandView): Iterable<Finding> {
  // The port first: only a plaintext IMAP/POP port makes the host worth looking for among the values.
  const written = portOf(view.parameter('Port', 'RemotePort')?.value?.resolved);
  if (written === undefined || !MAILBOX_TLS_PORTS.has(written.port)) return;
  const values = [...view.parameters.map((parameter) => parameter.value?.resolved), ...view.positionals.map((value) => value.resolved)];
  if (values.some((value) => strings(value).some((text) => text.toLowerCase() === MAILBOX_HOST))) yield* mailboxFinding(written);
}

function* mailboxFinding(written: WrittenPort): Iterable<Finding> {
  const tls = MAILBOX_TLS_PORTS.get(written.port);
  if (tls === undefined) return;
  const protocol = written.port === 143 ? 'IMAP' : 'POP';
  yield {
    ruleId: RULE_ID,
    ...written.span,
    message: `${MAILBOX_HOST} does not offer ${protocol} on ${written.port}: it is ${protocol} over TLS on ${tls} only.`,
    fixes: [portFix(written, tls)],
  };
}

// ---------------------------------------------------------------------------------------------
// .NET clients: `New-Object System.Net.Mail.SmtpClient('smtp.office365.com', 465)`,
// `[System.Net.Mail.SmtpClient]::new(…)`, `$client.Port = 465`, `$client.EnableSsl = $true`.

interface Construction {
  kind: 'smtp' | 'tcp';
  args: PsResolved[];
  /** Where the construction starts, to find the variable it is assigned to. */
  start: number;
  span: Span;
}

const SMTP_CLIENT = /^(system\.)?net\.mail\.smtpclient$/i;
const TCP_CLIENT = /^(system\.)?net\.sockets\.tcpclient$/i;

function clientKind(typeName: string | undefined): Construction['kind'] | undefined {
  if (typeName === undefined) return undefined;
  return SMTP_CLIENT.test(typeName) ? 'smtp' : TCP_CLIENT.test(typeName) ? 'tcp' : undefined;
}

function argumentList(resolved: PsResolved | undefined): PsResolved[] {
  if (resolved === undefined) return [];
  return resolved.kind === 'array' ? resolved.items : [resolved];
}

function constructions(script: PsScript): Construction[] {
  const found: Construction[] = [];
  for (const view of commands(script)) {
    if (view.name !== 'new-object') continue;
    const [typeName, args] = view.bind([['TypeName'], ['ArgumentList', 'Args']]);
    const kind = clientKind(strings(typeName?.resolved)[0]);
    if (kind) found.push({ kind, args: argumentList(args?.resolved), start: view.command.span.start, span: view.command.span });
  }
  // `[T]::new(…)`: the call holds the static member and its `( … )` arguments.
  const visit = (value: PsValue): void => {
    if (value.kind !== 'other') return;
    const [member, args] = value.children;
    if (member?.kind === 'staticMember' && member.member.toLowerCase() === 'new' && args?.kind === 'subexpression' && args.span.start === member.span.end) {
      const kind = clientKind(member.typeName);
      if (kind) found.push({ kind, args: argumentList(resolveValue(script, args)), start: member.span.start, span: { start: member.span.start, end: args.span.end } });
    }
    for (const child of value.children) visit(child);
  };
  // The call needs `::new(` in the text: most scripts have none to look for.
  if (/::new\(/i.test(script.text)) {
    for (const pipeline of script.pipelines) for (const element of pipeline.elements) if (element.kind === 'expression') visit(element.value);
  }
  return found;
}

/** `$client = <construction>`: the variable, so that later `$client.Port = …` is read with it. */
function assignedVariable(script: PsScript, start: number): string | undefined {
  return script.assignments.filter((assignment) => assignment.span.start < start && start < assignment.span.end).pop()?.name;
}

interface MemberWrite {
  variable: string;
  member: string;
  value: PsResolved | undefined;
  span: Span;
}

/** `$client.Port = 465`: one-member assignments anywhere in the script. */
function memberWrites(script: PsScript): MemberWrite[] {
  const writes: MemberWrite[] = [];
  for (const statement of script.assignmentStatements) {
    if (statement.target.kind !== 'variable' || statement.target.members.length !== 1) continue;
    const value = statement.value;
    const only = value?.kind === 'pipeline' && value.elements.length === 1 ? value.elements[0] : undefined;
    writes.push({
      variable: statement.target.name,
      member: statement.target.members[0],
      value: only?.kind === 'expression' ? resolveValue(script, only.value) : undefined,
      span: statement.span,
    });
  }
  return writes;
}

function* dotNetClients(doc: AnalyzedDocument, script: PsScript): Iterable<Finding> {
  const found = constructions(script);
  if (found.length === 0) return;
  const members = memberWrites(script);
  for (const construction of found) {
    const variable = assignedVariable(script, construction.start);
    const later = members.filter((write) => write.variable === variable && write.span.start > construction.start);
    const member = (name: string) => later.filter((write) => write.member === name).pop();
    const host = strings(member('host')?.value)[0] ?? strings(construction.args[0])[0];
    const portWrite = member('port');
    const written = portWrite ? portOf(portWrite.value) : portOf(construction.args[1]);
    if (construction.kind === 'tcp') {
      if (host?.toLowerCase() === MAILBOX_HOST && written) yield* mailboxFinding(written);
      continue;
    }
    if (!isSubmissionHost(host)) continue;
    const port = written?.port ?? (portWrite ? undefined : DEFAULT_SMTP_PORT);
    if (port !== undefined && port !== SUBMISSION_PORT) {
      yield {
        ruleId: RULE_ID,
        ...(written?.span ?? construction.span),
        message: portMessage(port, `The SmtpClient for ${host}`),
        ...(written ? { fixes: [portFix(written, SUBMISSION_PORT)] } : {}),
      };
      continue;
    }
    const ssl = member('enablessl');
    const sslOn = ssl !== undefined && /^\$true$|^1$/i.test(doc.text.slice(ssl.span.start, ssl.span.end).replace(/^[^=]*=\s*/, '').trim());
    if (!sslOn && variable !== undefined) {
      yield {
        ruleId: RULE_ID,
        ...construction.span,
        message: `The SmtpClient for ${host} never sets EnableSsl = $true, so it never starts TLS, and Microsoft 365 accepts SMTP AUTH only after STARTTLS.`,
      };
    }
  }
}

function findingsOf(doc: AnalyzedDocument, view: PsCommandView): Finding[] {
  if (view.name === 'send-mailmessage') return [...sendMailMessage(doc, view)];
  if (view.name === 'new-sendconnector' || view.name === 'set-sendconnector') return [...sendConnector(view)];
  // Only a command given a port can reach the mailbox host on the wrong one.
  if (!view.mayBind('Port', 'RemotePort')) return NO_FINDINGS;
  const found = [...mailboxPort(view)];
  return found.length === 0 ? NO_FINDINGS : found;
}

const byCommand = commandFindings();

export default defineRule({
  id: RULE_ID,
  defaultSeverity: 'warning',
  appliesTo: ['powershell'],
  description: 'Microsoft 365 / Outlook.com reached on the wrong port: SMTP submission not on 587 with STARTTLS, IMAP/POP not on 993/995.',
  *check(doc): Iterable<Finding> {
    if (doc.syntax.format !== 'powershell') return;
    const script = doc.syntax.tree;
    for (const view of commands(script)) {
      let found = byCommand.get(view);
      if (found === undefined) byCommand.set(view, (found = findingsOf(doc, view)));
      if (found.length > 0) yield* found;
    }
    yield* dotNetClients(doc, script);
  },
});
