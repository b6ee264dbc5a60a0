// connector-binding-port (warning): a Receive connector Exchange setup creates (or a connector
// created for one usage) bound to a port other than the one the rest of Exchange expects, and
// POP/IMAP bindings with the TLS and plaintext ports swapped. Front End Transport proxies to
// "Default <Server>" on 2525 and clients submit to "Client Frontend <Server>" on 587: move one and
// mail stops without an error at the connector itself.
import type { PsValue } from '../parsers/powershell/ast';
import { writtenBindings, type WrittenBinding } from '../parsers/powershell/bindings';
import { commands, type PsArgumentValue, type PsCommandView } from '../parsers/powershell/commands';
import { defineRule, type AnalyzedDocument, type Finding } from '../service/types';
import { commandFindings } from './support/commandFindings';

const RULE_ID = 'connector-binding-port';

/**
 * The default Receive connectors by name (the server name follows), with their catalog entry
 * (`RC16`, rows 16–21). Longer names first: "Default Frontend" before "Default".
 */
export const DEFAULT_CONNECTORS: readonly { prefix: string; port: number; catalogId: string }[] = [
  { prefix: 'client frontend', port: 587, catalogId: 'client-frontend-submission' },
  { prefix: 'default frontend', port: 25, catalogId: 'default-frontend-smtp' },
  { prefix: 'outbound proxy frontend', port: 717, catalogId: 'outbound-proxy-frontend' },
  { prefix: 'client proxy', port: 465, catalogId: 'client-proxy' },
  { prefix: 'default internal receive connector', port: 25, catalogId: 'edge-default-internal-receive' },
  { prefix: 'default', port: 2525, catalogId: 'transport-default-2525' },
];

/** New-ReceiveConnector -Usage and the port its default binding listens on. */
const USAGE_PORTS: ReadonlyMap<string, number> = new Map([
  ['client', 587],
  ['internet', 25],
  ['internal', 25],
  ['partner', 25],
]);

/** POP/IMAP binding parameters and the ports that belong in the other one. */
const SWAPPED: readonly { parameter: string; wrong: ReadonlyMap<number, number>; kind: string }[] = [
  { parameter: 'SSLBindings', wrong: new Map([[143, 993], [110, 995]]), kind: 'TLS' },
  { parameter: 'UnencryptedOrTLSBindings', wrong: new Map([[993, 143], [995, 110]]), kind: 'plaintext/STARTTLS' },
];

/** The name with variables as a placeholder: `"Client Frontend $server"` still reads as Client Frontend. */
function template(value: PsArgumentValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.resolved?.kind === 'string') return value.resolved.value;
  const node: PsValue = value.node;
  if (node.kind !== 'string') return undefined;
  return node.parts.map((part) => (part.kind === 'text' ? part.value : '\u0000')).join('');
}

function knownConnector(name: string | undefined): { prefix: string; port: number; label: string } | undefined {
  if (name === undefined) return undefined;
  // `-Identity 'EX01\Client Frontend EX01'`: the connector's own name follows the server's.
  const own = name.slice(name.lastIndexOf('\\') + 1).trim();
  const lower = own.toLowerCase();
  const found = DEFAULT_CONNECTORS.find(({ prefix }) => lower === prefix || lower.startsWith(`${prefix} `));
  if (found === undefined) return undefined;
  return { ...found, label: `"${own.slice(0, found.prefix.length)} <Server>"` };
}

function* wrongPorts(bindings: WrittenBinding[], expected: number, message: (binding: WrittenBinding) => string): Iterable<Finding> {
  for (const binding of bindings) {
    if (binding.port === undefined || binding.port === expected || binding.port < 1 || binding.port > 65535) continue;
    yield {
      ruleId: RULE_ID,
      ...binding.portSpan,
      message: message(binding),
      fixes: [{ title: `Bind port ${expected}`, edits: [{ ...binding.portSpan, newText: String(expected) }], preferred: true }],
    };
  }
}

function* receiveConnector(doc: AnalyzedDocument, view: PsCommandView): Iterable<Finding> {
  const bindings = view.parameter('Bindings');
  if (bindings?.value === undefined) return;
  const [identity] = view.bind([view.name === 'new-receiveconnector' ? ['Name'] : ['Identity']]);
  const known = knownConnector(template(identity));
  const written = writtenBindings(doc.text, bindings.value);
  if (known) {
    yield* wrongPorts(
      written,
      known.port,
      (binding) => `The Receive connector ${known.label} listens on ${known.port}, where the other servers and clients look for it; bound to ${binding.port}, nothing reaches it.`,
    );
    return;
  }
  if (view.name !== 'new-receiveconnector' || view.parameter('Custom') !== undefined) return;
  const usage = template(view.parameter('Usage')?.value)?.toLowerCase();
  const expected = usage === undefined ? undefined : USAGE_PORTS.get(usage);
  if (expected === undefined) return;
  yield* wrongPorts(
    written,
    expected,
    (binding) => `A Receive connector for -Usage ${usage} is where those senders connect on ${expected}; a binding on ${binding.port} is not where they look.`,
  );
}

function* popImapSettings(doc: AnalyzedDocument, view: PsCommandView): Iterable<Finding> {
  const protocol = view.name === 'set-imapsettings' ? 'IMAP4' : 'POP3';
  for (const { parameter, wrong, kind } of SWAPPED) {
    for (const binding of writtenBindings(doc.text, view.parameter(parameter)?.value)) {
      const right = binding.port === undefined ? undefined : wrong.get(binding.port);
      if (right === undefined || (protocol === 'IMAP4') !== (binding.port === 143 || binding.port === 993)) continue;
      yield {
        ruleId: RULE_ID,
        ...binding.portSpan,
        message: `-${parameter} takes the ${kind} port: ${binding.port} belongs in the other binding, so ${protocol} clients would meet the wrong protocol. Use ${right}.`,
        fixes: [{ title: `Bind port ${right}`, edits: [{ ...binding.portSpan, newText: String(right) }], preferred: true }],
      };
    }
  }
}

const byCommand = commandFindings();

export default defineRule({
  id: RULE_ID,
  defaultSeverity: 'warning',
  appliesTo: ['powershell'],
  description: 'A default Receive connector (or one created for a usage) bound to a port other than its own, or POP/IMAP TLS and plaintext bindings swapped.',
  *check(doc): Iterable<Finding> {
    if (doc.syntax.format !== 'powershell') return;
    for (const view of commands(doc.syntax.tree)) {
      const receive = view.name === 'new-receiveconnector' || view.name === 'set-receiveconnector';
      if (!receive && view.name !== 'set-imapsettings' && view.name !== 'set-popsettings') continue;
      let found = byCommand.get(view);
      if (found === undefined) byCommand.set(view, (found = [...(receive ? receiveConnector(doc, view) : popImapSettings(doc, view))]));
      yield* found;
    }
  },
});
