// Fixes for firewall files, written in the file's own syntax and line endings: add an allow
// rule where the chain would still reach it, change a rule's ports, remove a rule. Each
// returns undefined when the file is shaped in a way it cannot edit safely; the finding then
// simply comes without a fix.
import type { FirewallRule, PortMatch } from '../../parsers/common/firewall';
import type { OffsetEdit, Span } from '../../parsers/common/model';
import { readCommand } from '../../parsers/iptables/parser';
import type { NftChain } from '../../parsers/nftables/ast';
import type { AnalyzedDocument } from '../../service/types';
import { effectiveIngressAllows, firstClosingRule, rolePath, type Probe } from './firewall';

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset after the line's end of line (or the end of the text). */
function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

function indentationAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
}

/** Deletes the rule; its whole line when nothing else is written on it. */
export function removeRuleEdits(doc: AnalyzedDocument, rule: FirewallRule): OffsetEdit[] {
  const { text } = doc;
  const start = lineStart(text, rule.span.start);
  const end = nextLineStart(text, rule.span.end);
  const before = text.slice(start, rule.span.start);
  const after = text.slice(rule.span.end, end);
  if (/^[ \t]*$/.test(before) && /^[ \t;]*\r?\n?$/.test(after)) return [{ start, end, newText: '' }];
  return [{ ...rule.span, newText: '' }];
}

/** The chain new allow rules go into: the one holding the other allows on the role's path. */
function targetChain(doc: AnalyzedDocument): { table: string | undefined; chain: string | undefined; reference?: FirewallRule } | undefined {
  const firewall = doc.model.firewall;
  const path = rolePath(firewall);
  const reference = effectiveIngressAllows(firewall)
    .filter((rule) => rule.destinationPortMatch && rule.direction === path)
    .pop();
  if (reference) return { table: reference.table, chain: reference.chain, reference };
  const input = firewall.policies.find((policy) => policy.purpose === 'filter' && policy.direction === path);
  if (input) return { table: input.table, chain: input.chain, reference: firewall.rules.filter((rule) => rule.table === input.table && rule.chain === input.chain).pop() };
  return undefined;
}

/**
 * The one server the neighbouring allow rule lets traffic through to (`-d 192.0.2.25`,
 * `ip daddr $EDGE`): a perimeter firewall opens ports for that server, not for every host.
 */
function sharedDestination(reference: FirewallRule | undefined): string | undefined {
  const destination = reference?.destination;
  if (!destination || destination.any || destination.negated || destination.values.length !== 1) return undefined;
  return destination.text;
}

/** Rules that accept new connections to each probe's port, placed before anything that closes it. */
export function allowRuleEdits(doc: AnalyzedDocument, probes: Probe[]): OffsetEdit[] | undefined {
  const target = targetChain(doc);
  if (!target) return undefined;
  const inserts = new Map<number, string>();
  for (const probe of probes) {
    const closing = firstClosingRule(doc.model.firewall, target.table, target.chain, probe);
    const placed = doc.syntax.format === 'iptables' ? iptablesInsert(doc, target, probe, closing) : nftablesInsert(doc, target, probe, closing);
    if (!placed) return undefined;
    inserts.set(placed.offset, (inserts.get(placed.offset) ?? '') + placed.text);
  }
  return [...inserts].map(([offset, newText]) => ({ start: offset, end: offset, newText }));
}

interface Placed {
  offset: number;
  text: string;
}

function iptablesInsert(doc: AnalyzedDocument, target: { table: string | undefined; chain: string | undefined; reference?: FirewallRule }, probe: Probe, closing: FirewallRule | undefined): Placed | undefined {
  if (doc.syntax.format !== 'iptables' || !target.chain) return undefined;
  const { text, eol } = doc;
  const lines = doc.syntax.tree.lines;
  const commandAt = (rule: FirewallRule | undefined) => lines.find((line) => line.kind === 'command' && rule && line.span.start === rule.span.start);
  const reference = commandAt(target.reference);
  const program = reference?.kind === 'command' && reference.program ? `${reference.program} ` : '';
  const destination = sharedDestination(target.reference);
  const rule = `${program}-A ${target.chain}${destination ? ` -d ${destination}` : ''} -p ${probe.protocol} -m ${probe.protocol} --dport ${probe.port} -j ACCEPT${eol}`;
  if (closing) return { offset: lineStart(text, closing.span.start), text: rule };
  let table: string | undefined;
  for (const line of lines) {
    if (line.kind === 'table') table = line.name;
    else if (line.kind === 'commit' && table === target.table) return { offset: lineStart(text, line.span.start), text: rule };
  }
  if (!target.reference) return undefined;
  const after = nextLineStart(text, target.reference.span.end);
  const needsBreak = after === text.length && !/\n$/.test(text);
  return { offset: after, text: (needsBreak ? eol : '') + rule };
}

function nftablesInsert(doc: AnalyzedDocument, target: { table: string | undefined; chain: string | undefined; reference?: FirewallRule }, probe: Probe, closing: FirewallRule | undefined): Placed | undefined {
  if (doc.syntax.format !== 'nftables' || !target.chain || !target.table) return undefined;
  const { text, eol } = doc;
  const destination = sharedDestination(target.reference);
  const address = destination ? `${target.reference?.family === 'ipv6' ? 'ip6' : 'ip'} daddr ${destination} ` : '';
  const match = `${address}${probe.protocol} dport ${probe.port} accept`;
  const block = chainBlock(doc, target.table, target.chain);
  const anchor = closing ?? target.reference;
  const commandForm = anchor && !(block && block.span.start <= anchor.span.start && anchor.span.end <= block.span.end);
  if (commandForm) {
    const rule = `add rule ${target.table} ${target.chain} ${match}${eol}`;
    if (closing) return { offset: lineStart(text, closing.span.start), text: rule };
    const after = nextLineStart(text, anchor.span.end);
    return { offset: after, text: (after === text.length && !/\n$/.test(text) ? eol : '') + rule };
  }
  if (closing) return { offset: lineStart(text, closing.span.start), text: `${indentationAt(text, closing.span.start)}${match}${eol}` };
  if (!block) return undefined;
  const brace = block.span.end - 1;
  const braceLine = lineStart(text, brace);
  if (!/^[ \t]*$/.test(text.slice(braceLine, brace))) return undefined;
  const lastRule = block.rules[block.rules.length - 1];
  const indent = lastRule ? indentationAt(text, lastRule.span.start) : `${indentationAt(text, block.span.start)}\t`;
  return { offset: braceLine, text: `${indent}${match}${eol}` };
}

function chainBlock(doc: AnalyzedDocument, table: string, chain: string): NftChain | undefined {
  if (doc.syntax.format !== 'nftables') return undefined;
  for (const statement of doc.syntax.tree.statements) {
    const chains = statement.kind === 'table' ? statement.chains : statement.kind === 'chain' ? [statement] : [];
    const found = chains.find((candidate) => `${candidate.family} ${candidate.table}` === table && candidate.name === chain && doc.text[candidate.span.end - 1] === '}');
    if (found) return found;
  }
  return undefined;
}

/** Makes the rule match exactly these destination ports instead of what it matches now. */
export function replacePortsEdits(doc: AnalyzedDocument, rule: FirewallRule, match: PortMatch, ports: number[]): OffsetEdit[] | undefined {
  if (doc.syntax.format === 'iptables') {
    const line = doc.syntax.tree.lines.find((candidate) => candidate.kind === 'command' && candidate.span.start === rule.span.start);
    if (line?.kind !== 'command') return undefined;
    const option = readCommand(doc.text, line).options.find((candidate) => candidate.args[0]?.span.start === match.span.start);
    if (!option) return undefined;
    const list = ports.join(',');
    const single = option.name === '--dport' || option.name === '--destination-port';
    return [{ ...option.span, newText: single ? `-m multiport --dports ${list}` : `${option.name} ${list}` }];
  }
  if (doc.syntax.format === 'nftables' && !match.negated) {
    return [{ ...match.span, newText: `{ ${ports.join(', ')} }` }];
  }
  if (doc.syntax.format === 'powershell' || doc.syntax.format === 'bat') {
    // Windows takes a comma list in both syntaxes: `-LocalPort 135,59532` and `localport=135,59532`.
    return [{ ...match.span, newText: ports.join(',') }];
  }
  return undefined;
}

/** Rewrites one port as written in the rule itself (not in a set or variable shared with others). */
export function replacePortEdits(doc: AnalyzedDocument, rule: FirewallRule, span: Span, port: number): OffsetEdit[] | undefined {
  if (span.start < rule.span.start || span.end > rule.span.end) return undefined;
  if (!/^[A-Za-z0-9-]+$/.test(doc.text.slice(span.start, span.end))) return undefined;
  return [{ ...span, newText: String(port) }];
}
