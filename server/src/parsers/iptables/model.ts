// IptablesFile → the format-neutral DocumentModel and FirewallModel.
import type { DocumentModel, ParseProblem, Span } from '../common/model';
import { emptyModel } from '../common/model';
import {
  ANY,
  FIREWALL_SYNTAX,
  inheritFromCallers,
  mentionPorts,
  normalizeProtocol,
  parsePortItem,
  portSetOfMatch,
  type ChainPolicy,
  type ChainPurpose,
  type Direction,
  type FirewallAction,
  type FirewallModel,
  type FirewallRule,
  type IpFamily,
  type PortMatch,
  type ValueMatch,
  type WrittenPort,
} from '../common/firewall';
import type { IptablesCommand, IptablesFile, IptablesOption, IptablesToken } from './ast';
import { parseIptables, type ReadCommand } from './parser';

export interface IptablesDocument {
  tree: IptablesFile;
  model: DocumentModel;
  firewall: FirewallModel;
}

const BUILTIN_CHAINS: Readonly<Record<string, readonly string[]>> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
};

const CHAIN_DIRECTIONS: Readonly<Record<string, Direction>> = {
  INPUT: 'inbound',
  OUTPUT: 'outbound',
  FORWARD: 'forward',
};

/** Targets after which the packet goes on to the next rule. */
const NON_TERMINATING_TARGETS = new Set([
  'LOG',
  'NFLOG',
  'ULOG',
  'MARK',
  'CONNMARK',
  'CLASSIFY',
  'DSCP',
  'TOS',
  'TTL',
  'HL',
  'SET',
  'TRACE',
  'AUDIT',
  'CT',
  'NOTRACK',
  'TCPMSS',
  'CHECKSUM',
  'SECMARK',
  'CONNSECMARK',
  'TEE',
  'IDLETIMER',
  'LED',
]);

/** Options that do not restrict which packets match. */
const IGNORED_OPTIONS = new Set(['-c', '--set-counters', '-4', '-6', '--ipv4', '--ipv6', '-w', '--wait', '-v', '--verbose']);

const MULTIPORT_LIMIT = 15;

interface RuleDraft {
  rule: FirewallRule;
  insertAt: number | undefined;
}

/**
 * Built while the file is parsed, each command from the words the parser just read. What only the
 * whole file tells — whether it is iptables-restore input (has a `*table`), which chains are
 * declared anywhere, the family its header names — is settled at the end: checks that need it
 * keep their place in the order of problems and run then.
 */
export function buildIptablesModel(text: string): IptablesDocument {
  const model = emptyModel();
  const firewall: FirewallModel = { rules: [], policies: [], includes: [] };
  let restoreFormat = false;
  let headerFamily: IpFamily | undefined;
  const declared = new Map<string, Set<string>>();
  const declare = (table: string, chain: string) => {
    let chains = declared.get(table);
    if (!chains) declared.set(table, (chains = new Set(BUILTIN_CHAINS[table] ?? [])));
    chains.add(chain);
  };
  /** Model problems in the order the checks meet them; `undefined` from a check that turned out not to apply. */
  const found: (() => ParseProblem | undefined)[] = [];
  const report = (problem: ParseProblem) => found.push(() => problem);

  const drafts = new Map<string, RuleDraft[]>();
  /** Every rule in file order, with what its family waits for. */
  const read: { rule: FirewallRule; familyFromHeader: boolean }[] = [];
  const policyDrafts: (Omit<ChainPolicy, 'direction' | 'family'> & { family: IpFamily | undefined })[] = [];
  let openTable: { name: string; span: Span } | undefined;
  let table: string | undefined;

  const reportUncommitted = (header: { name: string; span: Span }, insertAt: number) => {
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const prefix = insertAt > 0 && !/[\r\n]$/.test(text.slice(0, insertAt)) ? eol : '';
    report({
      code: FIREWALL_SYNTAX,
      message: `Table *${header.name} has no COMMIT, so iptables-restore rejects the file.`,
      ...header.span,
      fixes: [{ title: 'Add COMMIT', edits: [{ start: insertAt, end: insertAt, newText: `${prefix}COMMIT${eol}` }], preferred: true }],
    });
  };

  const { file, problems } = parseIptables(text, (line, command) => {
    switch (line.kind) {
      case 'comment':
        model.comments.push({ span: line.span, text: line.text });
        if (headerFamily === undefined && /\bip6tables-save\b/.test(line.text)) headerFamily = 'ipv6';
        else if (headerFamily === undefined && /\biptables-save\b/.test(line.text)) headerFamily = 'ipv4';
        break;
      case 'table':
        restoreFormat = true;
        if (!declared.has(line.name)) declared.set(line.name, new Set(BUILTIN_CHAINS[line.name] ?? []));
        if (openTable) reportUncommitted(openTable, line.span.start);
        if (!BUILTIN_CHAINS[line.name]) report({ code: FIREWALL_SYNTAX, message: `Unknown table '${line.name}'.`, ...line.nameSpan });
        table = line.name;
        openTable = { name: line.name, span: line.span };
        break;
      case 'commit':
        if (!openTable) report({ code: FIREWALL_SYNTAX, message: 'COMMIT without a table header before it.', ...line.span });
        openTable = undefined;
        break;
      case 'chain': {
        const chainTable = table ?? 'filter';
        declare(chainTable, line.name);
        const builtin = BUILTIN_CHAINS[chainTable]?.includes(line.name) ?? false;
        if (line.policy === '-' && !builtin) break;
        const policy = policyOf(line.policy);
        if (!builtin || !policy) {
          report({
            code: FIREWALL_SYNTAX,
            message: builtin
              ? `The policy of ${line.name} is ACCEPT or DROP, not '${line.policy}'.`
              : `${line.name} is not a built-in chain of *${chainTable}: a user chain's policy is '-'.`,
            ...line.policySpan,
          });
          break;
        }
        policyDrafts.push({ ...policyContext(chainTable, line.name, undefined), policy, written: true, span: line.policySpan });
        break;
      }
      case 'command': {
        if (headerFamily === undefined && line.program) headerFamily = familyOfProgram(line.program);
        const lineTable = line.table ?? table ?? 'filter';
        if (!openTable && !line.program) {
          found.push(() => (restoreFormat ? { code: FIREWALL_SYNTAX, message: 'This rule is outside a table: put a header such as *filter before it.', ...line.span } : undefined));
        }
        if (command) handleCommand(line, command, lineTable);
        break;
      }
      case 'invalid':
        break;
    }
  });
  if (openTable) reportUncommitted(openTable, text.length);
  const fileFamily = headerFamily ?? 'unknown';

  function handleCommand(line: IptablesCommand, { command, options }: ReadCommand, lineTable: string) {
    const chainToken = command.args[0];
    if (!chainToken) return;
    const chain = chainToken.text;
    if (isCommand(line, '-N', '--new-chain', '--new')) declare(lineTable, chain);
    if (isCommand(line, '-P', '--policy')) {
      const target = command.args[1];
      const policy = target ? policyOf(target.text) : undefined;
      if (target && policy) {
        policyDrafts.push({ ...policyContext(lineTable, chain, familyOfProgram(line.program)), policy, written: true, span: target.span });
      } else {
        report({ code: FIREWALL_SYNTAX, message: '-P sets a built-in chain\'s policy to ACCEPT or DROP.', ...command.span });
      }
      return;
    }
    const append = isCommand(line, '-A', '--append');
    const insert = isCommand(line, '-I', '--insert');
    if (!append && !insert) return;
    found.push(() =>
      restoreFormat && !declared.get(lineTable)?.has(chain)
        ? { code: FIREWALL_SYNTAX, message: `Chain ${chain} is not declared in *${lineTable}: add :${chain} - [0:0].`, ...chainToken.span }
        : undefined,
    );
    let insertAt: number | undefined;
    if (insert) {
      const position = command.args[1];
      insertAt = position && /^\d+$/.test(position.text) ? Math.max(0, Number(position.text) - 1) : 0;
    }
    const rule = ruleOf(options, lineTable, chain, line.span);
    read.push({ rule, familyFromHeader: !line.program });
    if (line.program) rule.family = familyOfProgram(line.program) ?? 'unknown';
    const key = `${lineTable} ${chain}`;
    let list = drafts.get(key);
    if (!list) drafts.set(key, (list = []));
    list.push({ rule, insertAt });
  }

  /** A rule's matches and target; its family (file-wide) and its target's kind (declared chains) are settled at the end. */
  function ruleOf(options: IptablesOption[], lineTable: string, chain: string, span: Span): FirewallRule {
    const rule: FirewallRule = {
      action: 'continue',
      target: '',
      direction: 'unknown',
      family: 'unknown',
      purpose: purposeOf(lineTable),
      protocol: 'any',
      destinationPorts: 'any',
      sourcePorts: 'any',
      source: ANY,
      destination: ANY,
      inInterface: ANY,
      outInterface: ANY,
      connectionStates: ANY,
      otherMatches: [],
      chain,
      table: lineTable,
      orderSensitive: true,
      index: 0,
      span,
    };
    let afterTarget = false;
    for (const option of options) {
      const value = option.args[0];
      const written = () => text.slice(option.span.start, option.span.end);
      switch (option.name) {
        case '-p':
        case '--protocol':
          if (!value) break;
          if (option.negated) rule.otherMatches.push(written());
          else rule.protocol = normalizeProtocol(value.text);
          break;
        case '-s':
        case '--source':
        case '--src':
          if (value) rule.source = valueMatch(option, value, false);
          break;
        case '-d':
        case '--destination':
        case '--dst':
          if (value) rule.destination = valueMatch(option, value, false);
          break;
        case '-i':
        case '--in-interface':
          if (value) rule.inInterface = valueMatch(option, value, false);
          break;
        case '-o':
        case '--out-interface':
          if (value) rule.outInterface = valueMatch(option, value, false);
          break;
        case '--state':
        case '--ctstate':
          if (value) rule.connectionStates = valueMatch(option, value, true);
          break;
        case '--dport':
        case '--destination-port':
        case '--dports':
        case '--destination-ports':
        case '--sport':
        case '--source-port':
        case '--sports':
        case '--source-ports': {
          if (!value) break;
          const multi = option.name.endsWith('s');
          const match = portMatch(option, value, multi);
          if (!match) {
            rule.otherMatches.push(written());
            break;
          }
          if (option.name.startsWith('--d')) {
            rule.destinationPortMatch = match;
            rule.destinationPorts = portSetOfMatch(match);
          } else {
            rule.sourcePortMatch = match;
            rule.sourcePorts = portSetOfMatch(match);
          }
          break;
        }
        case '--ports':
          // Source OR destination: not one of the AND-ed fields, so kept as text.
          if (value) portMatch(option, value, true);
          rule.otherMatches.push(written());
          break;
        case '--comment':
          if (value) model.comments.push({ span: value.span, text: value.text });
          break;
        case '-m':
        case '--match':
          break;
        case '-j':
        case '--jump':
        case '-g':
        case '--goto':
          if (!value) break;
          afterTarget = true;
          rule.target = value.text;
          rule.actionSpan = value.span;
          found.push(targetOf(rule, value, lineTable, option.name === '-g' || option.name === '--goto'));
          break;
        default:
          // Options after the target configure it (`--reject-with`, `--log-prefix`).
          if (!afterTarget && !IGNORED_OPTIONS.has(option.name)) rule.otherMatches.push(written());
      }
    }
    return rule;
  }

  /** Sets the rule's action from a `-j`/`-g` target once the declared chains are known; its problem, if any. */
  function targetOf(rule: FirewallRule, token: IptablesToken, lineTable: string, isGoto: boolean): () => ParseProblem | undefined {
    return () => {
      const { action, problem } = actionOf(token, lineTable, isGoto);
      rule.action = action;
      if (action === 'jump' || action === 'goto') rule.jumpTarget = token.text;
      return problem;
    };
  }

  function actionOf(token: IptablesToken, lineTable: string, isGoto: boolean): { action: FirewallAction; problem?: ParseProblem } {
    switch (token.text) {
      case 'ACCEPT':
        return { action: 'allow' };
      case 'DROP':
      case 'REJECT':
        return { action: 'deny' };
      case 'RETURN':
        return { action: 'return' };
    }
    if (NON_TERMINATING_TARGETS.has(token.text)) return { action: 'continue' };
    const isChain = declared.get(lineTable)?.has(token.text) ?? false;
    // Extension targets are upper case by convention; a lower-case name must be a chain.
    if (!isChain && token.text === token.text.toUpperCase()) return { action: 'other' };
    const action = isGoto ? 'goto' : 'jump';
    if (!isChain && restoreFormat) return { action, problem: { code: FIREWALL_SYNTAX, message: `Chain ${token.text} is not declared in *${lineTable}.`, ...token.span } };
    return { action };
  }

  function valueMatch(option: IptablesOption, value: IptablesToken, lowerCase: boolean): ValueMatch {
    const values = value.text.split(',').map((v) => (lowerCase ? v.trim().toLowerCase() : v.trim())).filter((v) => v !== '');
    const everything = values.length > 0 && values.every((v) => v === '0.0.0.0/0' || v === '::/0');
    if (everything && !option.negated) return ANY;
    return { any: false, values, negated: option.negated, text: value.text };
  }

  /** Reads the port list, mentions each number, reports bad ones; undefined if none is valid. */
  function portMatch(option: IptablesOption, value: IptablesToken, multi: boolean): PortMatch | undefined {
    const items: WrittenPort[] = [];
    const pieces = multi ? splitWithOffsets(value.text, ',') : [{ text: value.text, offset: 0 }];
    let failed = false;
    let weight = 0;
    for (const piece of pieces) {
      const whole = value.quoted || piece.text.length === value.text.length;
      const span = whole ? value.span : { start: value.span.start + piece.offset, end: value.span.start + piece.offset + piece.text.length };
      const parsed = parsePortItem(piece.text, ':');
      if (!parsed.ok) {
        report({ code: parsed.code, message: parsed.message, ...span });
        failed = true;
        continue;
      }
      items.push({ range: parsed.range, span });
      weight += parsed.range.from === parsed.range.to && !piece.text.includes(':') ? 1 : 2;
      mentionPorts(model.portMentions, piece.text, span, value.quoted, ':');
    }
    if (multi && weight > MULTIPORT_LIMIT) {
      report({
        code: FIREWALL_SYNTAX,
        message: `-m multiport takes at most ${MULTIPORT_LIMIT} ports (a range counts as two); this list has ${weight}.`,
        ...value.span,
      });
    }
    if (failed || items.length === 0) return undefined;
    // Kept with the rule: an exact-size copy rather than the list grown here.
    return { span: value.span, negated: option.negated, items: items.slice() };
  }

  // What waited for the whole file: problems in the order they were met (after the parser's), targets, families.
  for (const item of problems) model.problems.push(item);
  for (const check of found) {
    const problem = check();
    if (problem) model.problems.push(problem);
  }
  const jumps: { from: string; to: string }[] = [];
  for (const { rule, familyFromHeader } of read) {
    if (familyFromHeader) rule.family = fileFamily;
    if (rule.family === 'unknown') rule.family = familyOfAddresses(rule);
    if (rule.jumpTarget) jumps.push({ from: `${rule.table} ${rule.chain}`, to: `${rule.table} ${rule.jumpTarget}` });
  }

  // Order: -A appends, -I inserts, in file order, as iptables-restore would apply them.
  const directions = inheritFromCallers(baseDirections(drafts, declared), jumps, 'unknown' as Direction);
  for (const [key, list] of drafts) {
    const ordered: FirewallRule[] = [];
    for (const { rule, insertAt } of list) {
      if (insertAt === undefined) ordered.push(rule);
      else ordered.splice(Math.min(insertAt, ordered.length), 0, rule);
    }
    ordered.forEach((rule, index) => {
      rule.index = index;
      rule.direction = directions.get(key) ?? 'unknown';
    });
    for (const item of ordered) firewall.rules.push(item);
  }
  firewall.rules.sort((a, b) => a.span.start - b.span.start);
  for (const draft of policyDrafts) {
    firewall.policies.push({ ...draft, family: draft.family ?? fileFamily, direction: CHAIN_DIRECTIONS[draft.chain] ?? 'unknown' });
  }
  model.portMentions.sort((a, b) => a.start - b.start);
  model.problems.sort((a, b) => a.start - b.start);
  return { tree: file, model, firewall };
}

function baseDirections(drafts: Map<string, RuleDraft[]>, declared: Map<string, Set<string>>): Map<string, Direction> {
  const result = new Map<string, Direction>();
  const tables = new Set([...declared.keys(), ...[...drafts.keys()].map((key) => key.split(' ')[0])]);
  for (const table of tables) {
    for (const chain of BUILTIN_CHAINS[table] ?? Object.keys(CHAIN_DIRECTIONS)) {
      result.set(`${table} ${chain}`, CHAIN_DIRECTIONS[chain] ?? 'unknown');
    }
  }
  return result;
}

function isCommand(line: IptablesCommand, ...names: string[]): boolean {
  return names.includes(line.name);
}

function policyOf(written: string): 'allow' | 'deny' | undefined {
  if (written === 'ACCEPT') return 'allow';
  if (written === 'DROP') return 'deny';
  return undefined;
}

/** `family` undefined: the file's, known at the end. */
function policyContext(table: string, chain: string, family: IpFamily | undefined) {
  return { table, chain, family, purpose: purposeOf(table) };
}

function purposeOf(table: string): ChainPurpose {
  if (table === 'filter') return 'filter';
  if (table === 'nat') return 'nat';
  return 'other';
}

function familyOfProgram(program: string | undefined): IpFamily | undefined {
  if (!program) return undefined;
  return program.startsWith('ip6') ? 'ipv6' : 'ipv4';
}

function familyOfAddresses(rule: FirewallRule): IpFamily {
  const values = [rule.source, rule.destination].flatMap((match) => (match.any ? [] : match.values));
  if (values.some((v) => v.includes(':'))) return 'ipv6';
  if (values.some((v) => /^\d+\.\d+\.\d+\.\d+/.test(v))) return 'ipv4';
  return 'unknown';
}

function splitWithOffsets(text: string, separator: string): { text: string; offset: number }[] {
  const pieces: { text: string; offset: number }[] = [];
  let offset = 0;
  for (const piece of text.split(separator)) {
    pieces.push({ text: piece, offset });
    offset += piece.length + separator.length;
  }
  return pieces;
}
