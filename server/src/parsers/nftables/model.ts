// NftFile → the format-neutral DocumentModel and FirewallModel: variables and named sets
// resolved, each rule's matches read into the fields of FirewallRule.
import type { DocumentModel, ParseProblem, Span } from '../common/model';
import { emptyModel } from '../common/model';
import {
  ANY,
  FIREWALL_SYNTAX,
  inheritFromCallers,
  MAX_PORT,
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
import type { NftChain, NftFile, NftRule, NftSet, NftToken } from './ast';
import { parseNftables, ruleTokens } from './parser';

export interface NftablesDocument {
  tree: NftFile;
  model: DocumentModel;
  firewall: FirewallModel;
}

/** One value after variables are expanded, where its text is written. */
interface Element {
  text: string;
  span: Span;
}

type Value =
  | { kind: 'elements'; elements: Element[]; span: Span; via?: string }
  | { kind: 'vmap'; entries: { keys: Element[]; verdict: NftToken[] }[]; span: Span }
  /** A variable or set we cannot see (defined in an include, or a dynamic set). */
  | { kind: 'unknown'; span: Span };

interface ChainInfo {
  family: string;
  table: string;
  name: string;
  nameSpan: Span;
  type?: string;
  hook?: string;
  policy?: { value: string; span: Span };
  rules: NftRule[];
}

const HOOK_DIRECTIONS: Readonly<Record<string, Direction>> = {
  input: 'inbound',
  output: 'outbound',
  forward: 'forward',
};

const FAMILY_OF_TABLE: Readonly<Record<string, IpFamily>> = { ip: 'ipv4', ip6: 'ipv6', inet: 'both' };

const TRANSPORT = new Set(['tcp', 'udp', 'sctp', 'dccp', 'udplite']);
const INTERFACE_KEYS = new Set(['iif', 'iifname', 'oif', 'oifname']);
const VERDICTS = new Set(['accept', 'drop', 'reject', 'queue', 'continue', 'return', 'jump', 'goto']);
const NAT = new Set(['dnat', 'snat', 'masquerade', 'redirect', 'tproxy', 'fwd', 'dup']);
const SIDE_EFFECTS = new Set(['counter', 'log', 'comment', 'notrack', 'update', 'add', 'delete', 'set']);
/** Words that start a new match or statement; an unknown match runs up to one of them. */
const STARTS = new Set([
  ...TRANSPORT,
  ...INTERFACE_KEYS,
  ...VERDICTS,
  ...NAT,
  ...SIDE_EFFECTS,
  'th',
  'ip',
  'ip6',
  'meta',
  'ct',
  'icmp',
  'icmpv6',
  'ether',
  'vlan',
  'arp',
  'fib',
  'limit',
  'quota',
  'socket',
  'mark',
]);

const RELATIONS = new Map([
  ['==', 'eq'],
  ['eq', 'eq'],
  ['!=', 'ne'],
  ['ne', 'ne'],
  ['<', 'lt'],
  ['lt', 'lt'],
  ['>', 'gt'],
  ['gt', 'gt'],
  ['<=', 'le'],
  ['le', 'le'],
  ['>=', 'ge'],
  ['ge', 'ge'],
]);

/** Far more than any written set (`{ 80, { 443 } }` is 2), few enough to stay linear. */
const MAX_ELEMENT_NESTING = 16;

export function buildNftablesModel(text: string): NftablesDocument {
  const { file, comments, problems } = parseNftables(text);
  const model = emptyModel();
  for (const item of comments) model.comments.push(item);
  for (const item of problems) model.problems.push(item);
  const firewall: FirewallModel = { rules: [], policies: [], includes: [] };
  const reported = new Set<string>();
  const report = (problem: ParseProblem) => {
    const key = `${problem.start}:${problem.end}:${problem.code}`;
    if (reported.has(key)) return;
    reported.add(key);
    model.problems.push(problem);
  };
  const mentioned = new Set<number>();

  const defines = new Map<string, NftToken[]>();
  const sets = new Map<string, { set: NftSet; elements: NftToken[][] }>();
  const chains = new Map<string, ChainInfo>();

  const chainInfo = (chain: { family: string; table: string; name: string; nameSpan: Span }) => {
    const key = chainKey(chain.family, chain.table, chain.name);
    let info = chains.get(key);
    if (!info) chains.set(key, (info = { family: chain.family, table: chain.table, name: chain.name, nameSpan: chain.nameSpan, rules: [] }));
    return info;
  };
  const declaredChains = new Set<string>();
  const ruleCommands: NftRule[] = [];
  const addChain = (chain: NftChain) => {
    declaredChains.add(chainKey(chain.family, chain.table, chain.name));
    const info = chainInfo(chain);
    if (chain.type) info.type = chain.type.value;
    if (chain.hook) info.hook = chain.hook.value;
    if (chain.policy) info.policy = chain.policy;
    if (chain.hook) info.nameSpan = chain.nameSpan;
    for (const item of chain.rules) info.rules.push(item);
  };
  const addSet = (set: NftSet) => {
    const key = `${set.family} ${set.table} ${set.name}`;
    const entry = sets.get(key);
    if (entry) entry.elements.push(set.elements);
    else sets.set(key, { set, elements: [set.elements] });
  };

  const pendingElements: { family: string; table: string; set: string; setSpan: Span; elements: NftToken[] }[] = [];
  for (const statement of file.statements) {
    switch (statement.kind) {
      case 'table':
        statement.sets.forEach(addSet);
        statement.chains.forEach(addChain);
        break;
      case 'chain':
        addChain(statement);
        break;
      case 'set':
        addSet(statement);
        break;
      case 'rule': {
        ruleCommands.push(statement);
        const info = chainInfo({ ...statement, name: statement.chain, nameSpan: statement.span });
        if (statement.position === 'insert') info.rules.unshift(statement);
        else info.rules.push(statement);
        break;
      }
      case 'elements':
        pendingElements.push(statement);
        break;
      case 'define':
        defines.set(statement.name, statement.value);
        break;
      case 'include':
        firewall.includes.push({ path: statement.path, span: statement.span });
        break;
      case 'other':
        break;
    }
  }
  // A variable may come from an include; a chain or set also from the running ruleset,
  // unless the file starts afresh with `flush ruleset`.
  const complete = firewall.includes.length === 0;
  const selfContained =
    complete && file.statements.some((s) => s.kind === 'other' && /^flush\s+ruleset\b/.test(text.slice(s.span.start, s.span.end)));
  for (const rule of ruleCommands) {
    if (selfContained && !declaredChains.has(chainKey(rule.family, rule.table, rule.chain))) {
      report({ code: FIREWALL_SYNTAX, message: `Chain ${rule.chain} is not declared in table ${rule.family} ${rule.table}.`, ...rule.span });
    }
  }
  for (const pending of pendingElements) {
    const entry = sets.get(`${pending.family} ${pending.table} ${pending.set}`);
    if (entry) entry.elements.push(pending.elements);
    else if (selfContained) report({ code: FIREWALL_SYNTAX, message: `Set ${pending.set} is not declared in table ${pending.family} ${pending.table}.`, ...pending.setSpan });
  }

  /**
   * The elements of a `{ ... }` body (or a bare list), variables expanded. Braces nested deeper
   * than MAX_ELEMENT_NESTING make the elements unknown: each level copies the tokens inside it.
   */
  function elementsOf(tokens: NftToken[], seen: Set<string>, depth = 0): Element[] | undefined {
    if (depth > MAX_ELEMENT_NESTING) return undefined;
    const result: Element[] = [];
    for (const group of splitTopLevel(tokens)) {
      if (group.length === 0) continue;
      if (group.length === 1 && group[0].text.startsWith('$') && group[0].kind === 'word') {
        const expanded = expandVariable(group[0], seen);
        if (!expanded) return undefined;
        result.push(...expanded);
      } else if (group[0].text === '{' && group[0].kind === 'punct') {
        const inner = elementsOf(group.slice(1, group[group.length - 1].text === '}' ? -1 : undefined), seen, depth + 1);
        if (!inner) return undefined;
        result.push(...inner);
      } else if (group.length === 1) {
        result.push({ text: group[0].text, span: group[0].span });
      } else {
        result.push({ text: group.map((t) => t.text).join(' '), span: { start: group[0].span.start, end: group[group.length - 1].span.end } });
      }
    }
    return result;
  }

  function expandVariable(token: NftToken, seen: Set<string>): Element[] | undefined {
    const name = token.text.slice(1);
    const value = defines.get(name);
    if (!value) {
      if (complete) report({ code: FIREWALL_SYNTAX, message: `Variable ${token.text} is not defined.`, ...token.span });
      return undefined;
    }
    if (seen.has(name)) {
      report({ code: FIREWALL_SYNTAX, message: `Variable ${token.text} is defined in terms of itself.`, ...token.span });
      return undefined;
    }
    return elementsOf(value, new Set([...seen, name]));
  }

  function setElements(family: string, table: string, token: NftToken): Element[] | undefined {
    const entry = sets.get(`${family} ${table} ${token.text.slice(1)}`);
    if (!entry) {
      if (selfContained) report({ code: FIREWALL_SYNTAX, message: `Set ${token.text} is not declared in table ${family} ${table}.`, ...token.span });
      return undefined;
    }
    // Sets the packet path fills change at run time: their written elements are not all.
    if (entry.set.flags.some((flag) => flag === 'dynamic' || flag === 'timeout')) return undefined;
    const elements: Element[] = [];
    for (const tokens of entry.elements) {
      const resolved = elementsOf(tokens, new Set());
      if (!resolved) return undefined;
      elements.push(...resolved);
    }
    return elements;
  }

  // Port sets are checked where they are declared, used or not.
  for (const { set, elements } of sets.values()) {
    if (!isPortType(set.type) || set.isMap) continue;
    for (const tokens of elements) portItems(elementsOf(tokens, new Set()) ?? []);
  }

  /** Parses port elements, reporting and mentioning each once; undefined if any is bad. */
  function portItems(elements: Element[]): WrittenPort[] | undefined {
    const items: WrittenPort[] = [];
    let failed = false;
    for (const element of elements) {
      const parsed = parsePortItem(element.text, '-');
      if (!parsed.ok) {
        report({ code: parsed.code, message: parsed.message, ...element.span });
        failed = true;
        continue;
      }
      items.push({ range: parsed.range, span: element.span });
      if (!mentioned.has(element.span.start)) {
        mentioned.add(element.span.start);
        mentionPorts(model.portMentions, element.text, element.span, false, '-');
      }
    }
    return failed ? undefined : items;
  }

  const resolver: Resolver = { text, model, elementsOf, setElements, portItems };
  const jumps: { from: string; to: string }[] = [];
  const drafts = new Map<string, FirewallRule[]>();
  for (const [key, chain] of chains) {
    const rules: FirewallRule[] = [];
    chain.rules.forEach((rule, index) => {
      for (const read of new RuleReader(resolver, rule, chain, index).read()) {
        rules.push(read);
        if (read.jumpTarget) {
          const target = chainKey(chain.family, chain.table, read.jumpTarget);
          jumps.push({ from: key, to: target });
          if (selfContained && !declaredChains.has(target) && read.actionSpan) {
            report({ code: FIREWALL_SYNTAX, message: `Chain ${read.jumpTarget} is not declared in table ${chain.family} ${chain.table}.`, ...read.actionSpan });
          }
        }
      }
    });
    drafts.set(key, rules);
  }

  const baseDirections = new Map<string, Direction>();
  const basePurposes = new Map<string, ChainPurpose>();
  for (const [key, chain] of chains) {
    if (!chain.hook) continue;
    baseDirections.set(key, HOOK_DIRECTIONS[chain.hook] ?? 'unknown');
    basePurposes.set(key, purposeOf(chain.type));
  }
  const directions = inheritFromCallers(baseDirections, jumps, 'unknown' as Direction);
  const purposes = inheritFromCallers(basePurposes, jumps, 'other' as ChainPurpose);
  for (const [key, rules] of drafts) {
    for (const rule of rules) {
      rule.direction = directions.get(key) ?? 'unknown';
      rule.purpose = purposes.get(key) ?? 'other';
    }
    for (const item of rules) firewall.rules.push(item);
  }
  firewall.rules.sort((a, b) => a.span.start - b.span.start);

  for (const chain of chains.values()) {
    if (!chain.hook) continue;
    const written = chain.policy?.value;
    if (written !== undefined && written !== 'accept' && written !== 'drop') {
      report({ code: FIREWALL_SYNTAX, message: `A chain's policy is accept or drop, not '${written}'.`, ...chain.policy!.span });
      continue;
    }
    const policy: ChainPolicy = {
      table: `${chain.family} ${chain.table}`,
      chain: chain.name,
      direction: HOOK_DIRECTIONS[chain.hook] ?? 'unknown',
      family: FAMILY_OF_TABLE[chain.family] ?? 'unknown',
      purpose: purposeOf(chain.type),
      policy: written === 'drop' ? 'deny' : 'allow',
      written: written !== undefined,
      span: chain.policy?.span ?? chain.nameSpan,
    };
    firewall.policies.push(policy);
  }
  firewall.policies.sort((a, b) => a.span.start - b.span.start);
  model.portMentions.sort((a, b) => a.start - b.start);
  model.problems.sort((a, b) => a.start - b.start);
  return { tree: file, model, firewall };

}

/** What reading a rule needs of the whole file: its text, the model it adds to, variables and sets resolved. */
interface Resolver {
  text: string;
  model: DocumentModel;
  /** The elements of a `{ ... }` body (or a bare list), variables expanded; undefined when unknown. */
  elementsOf(tokens: NftToken[], seen: Set<string>): Element[] | undefined;
  /** The written elements of a named set; undefined when unknown or filled at run time. */
  setElements(family: string, table: string, token: NftToken): Element[] | undefined;
  /** Parses port elements, reporting and mentioning each once; undefined if any is bad. */
  portItems(elements: Element[]): WrittenPort[] | undefined;
}

type ValueField = 'source' | 'destination' | 'inInterface' | 'outInterface' | 'connectionStates';

/** A verdict map's entries each make a copy of the rule; `apply` puts an entry's keys into one. */
interface VerdictMap {
  apply: (rule: FirewallRule, keys: Element[]) => boolean;
  value: Extract<Value, { kind: 'vmap' }>;
}

/** One rule's words read left to right into the fields of FirewallRule: one rule, or one per entry of its verdict map. */
class RuleReader {
  private readonly tokens: NftToken[];
  private readonly rule: FirewallRule;
  private i = 0;
  private verdictMap: VerdictMap | undefined;

  constructor(
    private readonly resolver: Resolver,
    nft: NftRule,
    private readonly chain: ChainInfo,
    index: number,
  ) {
    this.tokens = ruleTokens(resolver.text, nft);
    this.rule = {
      action: 'continue',
      target: '',
      direction: 'unknown',
      family: FAMILY_OF_TABLE[chain.family] ?? 'unknown',
      purpose: 'other',
      protocol: 'any',
      destinationPorts: 'any',
      sourcePorts: 'any',
      source: ANY,
      destination: ANY,
      inInterface: ANY,
      outInterface: ANY,
      connectionStates: ANY,
      otherMatches: [],
      chain: chain.name,
      table: `${chain.family} ${chain.table}`,
      orderSensitive: true,
      index,
      span: nft.span,
    };
  }

  read(): FirewallRule[] {
    const { tokens, rule } = this;
    while (this.i < tokens.length) {
      const from = this.i;
      const head = this.word(this.i);
      const next = this.word(this.i + 1);
      const selectorLength = head === 'meta' || !INTERFACE_KEYS.has(head) ? 2 : 1;
      if (this.word(this.i + selectorLength) === '.' && (STARTS.has(head) || head === 'th')) {
        this.i += selectorLength;
        if (TRANSPORT.has(head)) rule.protocol = head;
        this.concatenation(from);
      } else if (TRANSPORT.has(head) || head === 'th') {
        this.i += 2;
        if (head !== 'th') rule.protocol = head;
        if (next === 'dport' || next === 'sport') this.ports(from, next);
        else this.other(from);
      } else if ((head === 'ip' || head === 'ip6') && tokens[this.i + 1]) {
        this.i += 2;
        if (rule.family === 'both') rule.family = head === 'ip' ? 'ipv4' : 'ipv6';
        if (next === 'saddr' || next === 'daddr') this.values(from, next === 'saddr' ? 'source' : 'destination', false);
        else if (next === 'protocol' || next === 'nexthdr') this.protocol(from);
        else this.other(from);
      } else if (head === 'meta' || INTERFACE_KEYS.has(head)) {
        const key = head === 'meta' ? next : head;
        this.i += head === 'meta' ? 2 : 1;
        if (this.word(this.i) === 'set') {
          this.i++;
          this.readValue();
        } else if (INTERFACE_KEYS.has(key)) {
          this.values(from, key.startsWith('i') ? 'inInterface' : 'outInterface', false);
        } else if (key === 'l4proto') this.protocol(from);
        else this.other(from);
      } else if (head === 'ct') {
        this.i += 2;
        if (this.word(this.i) === 'set') {
          this.i++;
          this.readValue();
        } else if (next === 'state') this.values(from, 'connectionStates', true);
        else this.other(from);
      } else if (head === 'icmp' || head === 'icmpv6') {
        rule.protocol = head;
        this.i++;
        this.other(from);
      } else if (VERDICTS.has(head)) {
        this.verdict(from);
      } else if (NAT.has(head)) {
        this.i++;
        this.skipToStart();
        rule.action = 'other';
        rule.target = head;
        rule.actionSpan = { start: tokens[from].span.start, end: tokens[this.i - 1].span.end };
      } else if (head === 'comment' && tokens[this.i + 1]?.kind === 'string') {
        this.resolver.model.comments.push({ span: tokens[this.i + 1].span, text: tokens[this.i + 1].text });
        this.i += 2;
      } else if (SIDE_EFFECTS.has(head)) {
        this.i++;
        this.skipToStart();
      } else {
        this.i++;
        this.other(from);
      }
    }
    const map = this.verdictMap;
    if (!map) return [rule];
    return map.value.entries.flatMap((entry) => {
      const copy: FirewallRule = { ...rule, otherMatches: [...rule.otherMatches] };
      if (!map.apply(copy, entry.keys)) copy.otherMatches.push(this.resolver.text.slice(map.value.span.start, map.value.span.end));
      const verdictTokens = entry.verdict;
      const first = verdictTokens[0];
      if (!first) return [];
      copy.target = first.text;
      copy.actionSpan = { start: first.span.start, end: verdictTokens[verdictTokens.length - 1].span.end };
      copy.action = actionOfVerdict(first.text);
      if ((first.text === 'jump' || first.text === 'goto') && verdictTokens[1]) copy.jumpTarget = verdictTokens[1].text;
      return [copy];
    });
  }

  private word(at: number): string {
    const token = this.tokens[at];
    return token?.kind === 'word' ? token.text : '';
  }

  private last(from: number): NftToken {
    return this.tokens[Math.min(Math.max(from, this.i - 1), this.tokens.length - 1)];
  }

  /** The text of the match that began at `from`, up to what has been read. */
  private written(from: number): string {
    return this.resolver.text.slice(this.tokens[from].span.start, this.last(from).span.end);
  }

  /** Operator and value after a selector; `undefined` value when none is written. */
  private relation(): { op: string; value: Value | undefined } {
    const op = RELATIONS.get(this.word(this.i));
    if (op) this.i++;
    return { op: op ?? 'eq', value: this.readValue() };
  }

  private readValue(): Value | undefined {
    const { tokens } = this;
    const token = tokens[this.i];
    if (!token) return undefined;
    if (token.kind === 'word' && token.text === 'vmap') {
      this.i++;
      const body = tokens[this.i];
      if (body?.text !== '{' || body.kind !== 'punct') {
        if (body) this.i++;
        return { kind: 'unknown', span: body?.span ?? token.span };
      }
      const group = this.braceGroup();
      const entries: { keys: Element[]; verdict: NftToken[] }[] = [];
      for (const entry of splitTopLevel(group.inner)) {
        const colon = entry.findIndex((t) => t.text === ':');
        if (colon <= 0) continue;
        const keys = this.resolver.elementsOf(entry.slice(0, colon), new Set());
        if (!keys) return { kind: 'unknown', span: group.span };
        entries.push({ keys, verdict: entry.slice(colon + 1) });
      }
      return { kind: 'vmap', entries, span: group.span };
    }
    if (token.kind === 'punct' && token.text === '{') {
      const group = this.braceGroup();
      const elements = this.resolver.elementsOf(group.inner, new Set());
      return elements ? { kind: 'elements', elements, span: group.span } : { kind: 'unknown', span: group.span };
    }
    if (token.kind === 'punct') return undefined;
    this.i++;
    if (token.text.startsWith('@')) {
      const elements = this.resolver.setElements(this.chain.family, this.chain.table, token);
      return elements ? { kind: 'elements', elements, span: token.span, via: token.text } : { kind: 'unknown', span: token.span };
    }
    // `established,related`: a list without braces.
    const first = this.i - 1;
    while (tokens[this.i]?.text === ',' && tokens[this.i + 1] && tokens[this.i + 1].kind !== 'punct') this.i += 2;
    const list = tokens.slice(first, this.i);
    const span = { start: token.span.start, end: list[list.length - 1].span.end };
    const elements = this.resolver.elementsOf(list, new Set());
    if (!elements) return { kind: 'unknown', span };
    return token.text.startsWith('$') && list.length === 1 ? { kind: 'elements', elements, span, via: token.text } : { kind: 'elements', elements, span };
  }

  private braceGroup(): { inner: NftToken[]; span: Span } {
    const { tokens } = this;
    const open = this.i;
    let depth = 0;
    for (; this.i < tokens.length; this.i++) {
      const t = tokens[this.i];
      if (t.kind !== 'punct') continue;
      if (t.text === '{') depth++;
      else if (t.text === '}' && --depth === 0) {
        this.i++;
        return { inner: tokens.slice(open + 1, this.i - 1), span: { start: tokens[open].span.start, end: t.span.end } };
      }
    }
    return { inner: tokens.slice(open + 1), span: { start: tokens[open].span.start, end: tokens[tokens.length - 1].span.end } };
  }

  /** Reads up to the next known word, for matches and statements this model does not read. */
  private skipToStart(): void {
    const { tokens } = this;
    while (this.i < tokens.length && !(tokens[this.i].kind === 'word' && STARTS.has(tokens[this.i].text))) {
      if (tokens[this.i].kind === 'punct' && tokens[this.i].text === '{') this.braceGroup();
      else this.i++;
    }
  }

  private other(from: number): void {
    this.skipToStart();
    this.rule.otherMatches.push(this.written(from));
  }

  private ports(from: number, field: 'dport' | 'sport'): void {
    const { op, value } = this.relation();
    const apply = (target: FirewallRule, elements: Element[], negated: boolean, span: Span, via?: string): boolean => {
      const items = relationalPorts(op, elements) ?? this.resolver.portItems(elements);
      if (!items) return false;
      const match: PortMatch = via ? { span, negated, items, via } : { span, negated, items };
      if (field === 'dport') {
        target.destinationPortMatch = match;
        target.destinationPorts = portSetOfMatch(match);
      } else {
        target.sourcePortMatch = match;
        target.sourcePorts = portSetOfMatch(match);
      }
      return true;
    };
    if (value?.kind === 'vmap') {
      this.verdictMap = { value, apply: (target, keys) => apply(target, keys, false, value.span) };
    } else if (value?.kind !== 'elements' || !apply(this.rule, value.elements, op === 'ne', value.span, value.via)) {
      if (value?.kind !== 'elements') this.other(from);
      else this.rule.otherMatches.push(this.written(from));
    }
  }

  private values(from: number, field: ValueField, lowerCase: boolean): void {
    const { op, value } = this.relation();
    const text = this.resolver.text;
    const toMatch = (elements: Element[], negated: boolean, span: Span): ValueMatch => ({
      any: false,
      values: elements.map((e) => (lowerCase ? e.text.toLowerCase() : e.text)),
      negated,
      text: text.slice(span.start, span.end),
    });
    if (value?.kind === 'vmap') {
      this.verdictMap = {
        value,
        apply: (target, keys) => {
          target[field] = toMatch(keys, false, value.span);
          return true;
        },
      };
    } else if (value?.kind === 'elements' && (op === 'eq' || op === 'ne')) {
      this.rule[field] = toMatch(value.elements, op === 'ne', value.span);
    } else {
      if (!value) this.other(from);
      else this.rule.otherMatches.push(this.written(from));
    }
  }

  private protocol(from: number): void {
    const { op, value } = this.relation();
    if (value?.kind === 'elements' && op === 'eq' && value.elements.length === 1) this.rule.protocol = normalizeProtocol(value.elements[0].text);
    else if (value) this.rule.otherMatches.push(this.written(from));
    else this.other(from);
  }

  private verdict(from: number): void {
    const { tokens, rule } = this;
    const keyword = tokens[this.i++];
    let action: FirewallAction = 'other';
    switch (keyword.text) {
      case 'accept':
        action = 'allow';
        break;
      case 'drop':
        action = 'deny';
        break;
      case 'reject':
        action = 'deny';
        if (this.word(this.i) === 'with') {
          this.i += 2;
          if (this.word(this.i) === 'reset') this.i++;
          else if (this.word(this.i) === 'type') this.i += 2;
        }
        break;
      case 'continue':
        action = 'continue';
        break;
      case 'return':
        action = 'return';
        break;
      case 'jump':
      case 'goto':
        action = keyword.text;
        if (tokens[this.i]) rule.jumpTarget = tokens[this.i++].text;
        break;
      default:
        this.skipToStart();
    }
    rule.action = action;
    rule.target = keyword.text;
    rule.actionSpan = { start: keyword.span.start, end: this.last(from).span.end };
  }

  /** `ip saddr . tcp dport { 10.0.0.1 . 25 }`: pairs of fields, kept whole as text. */
  private concatenation(from: number): void {
    while (this.word(this.i) === '.') {
      this.i++;
      this.i += this.word(this.i) === 'meta' || !INTERFACE_KEYS.has(this.word(this.i)) ? 2 : 1;
    }
    this.relation();
    this.rule.otherMatches.push(this.written(from));
  }
}

/** `tcp dport < 1024` and friends: one number and a comparison. */
function relationalPorts(op: string, elements: Element[]): WrittenPort[] | undefined {
  if (op === 'eq' || op === 'ne' || elements.length !== 1) return undefined;
  const port = parsePortItem(elements[0].text, '-');
  if (!port.ok || port.range.from !== port.range.to) return undefined;
  const n = port.range.from;
  const range = { lt: { from: 0, to: n - 1 }, le: { from: 0, to: n }, gt: { from: n + 1, to: MAX_PORT }, ge: { from: n, to: MAX_PORT } }[op];
  if (!range || range.from > range.to) return undefined;
  return [{ range, span: elements[0].span }];
}

function actionOfVerdict(word: string): FirewallAction {
  switch (word) {
    case 'accept':
      return 'allow';
    case 'drop':
    case 'reject':
      return 'deny';
    case 'jump':
    case 'goto':
    case 'return':
    case 'continue':
      return word;
    default:
      return 'other';
  }
}

function chainKey(family: string, table: string, chain: string): string {
  return `${family} ${table} ${chain}`;
}

function purposeOf(type: string | undefined): ChainPurpose {
  if (type === 'filter') return 'filter';
  if (type === 'nat') return 'nat';
  return 'other';
}

function isPortType(type: string | undefined): boolean {
  return type !== undefined && (type === 'inet_service' || /\b[ds]port$/.test(type));
}

/** Splits on commas outside nested braces. */
function splitTopLevel(tokens: NftToken[]): NftToken[][] {
  const groups: NftToken[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === 'punct') {
      if (token.text === '{') depth++;
      else if (token.text === '}') depth--;
      else if (token.text === ',' && depth === 0) {
        groups.push([]);
        continue;
      }
    }
    groups[groups.length - 1].push(token);
  }
  return groups;
}
