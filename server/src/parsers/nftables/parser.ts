// nftables ruleset text → NftFile. Never throws: a statement it cannot read is skipped to
// the end of its line (braces balanced) with a problem, and reading goes on.
import type { Comment, ParseProblem, Span } from '../common/model';
import { FIREWALL_SYNTAX } from '../common/firewall';
import type { NftChain, NftFile, NftRule, NftSet, NftSetting, NftStatement, NftTable, NftToken } from './ast';

export interface NftParseResult {
  file: NftFile;
  comments: Comment[];
  problems: ParseProblem[];
}

/** A line break ends statements, so the tokenizer keeps it as this punctuation. */
const NEWLINE = '\n';

const FAMILIES = new Set(['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev']);

/** Commands that change or show state without declaring anything this model reads. */
const OTHER_COMMANDS = new Set([
  'flush',
  'delete',
  'destroy',
  'list',
  'reset',
  'rename',
  'monitor',
  'describe',
  'export',
  'import',
  'undefine',
]);

export function parseNftables(text: string): NftParseResult {
  const comments: Comment[] = [];
  const scanProblems: ParseProblem[] = [];
  const parseProblems: ParseProblem[] = [];
  const statements = new Parser(new Scanner(text, 0, text.length, comments, scanProblems), parseProblems).file();
  return { file: { statements }, comments, problems: [...scanProblems, ...parseProblems] };
}

/** The words of a rule, read again from its body (its comments and problems were taken when the file was parsed). */
export function ruleTokens(text: string, rule: NftRule): NftToken[] {
  const scanner = new Scanner(text, rule.body.start, rule.body.end, undefined, undefined);
  const tokens: NftToken[] = [];
  for (let token = scanner.next(); token; token = scanner.next()) if (token.text !== NEWLINE || token.kind !== 'punct') tokens.push(token);
  return tokens;
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const BACKSLASH = 92;
const HASH = 35;
const QUOTE = 34;
const EQUALS = 61;

function isLineBreak(c: number): boolean {
  return c === LF || c === CR;
}

/** `{};,()`: each is a token of its own. */
function isPunctuation(c: number): boolean {
  return c === 123 || c === 125 || c === 59 || c === 44 || c === 40 || c === 41;
}

/** Tokens read one at a time from `start` to `end`, so the parser never holds the whole file's. */
class Scanner {
  private at: number;

  constructor(
    private readonly text: string,
    start: number,
    private readonly end: number,
    private readonly comments: Comment[] | undefined,
    private readonly problems: ParseProblem[] | undefined,
  ) {
    this.at = start;
  }

  next(): NftToken | undefined {
    const text = this.text;
    while (this.at < this.end) {
      const i = this.at;
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB) {
        this.at++;
      } else if (c === BACKSLASH && isLineBreak(text.charCodeAt(i + 1))) {
        this.at += text.charCodeAt(i + 1) === CR && text.charCodeAt(i + 2) === LF ? 3 : 2;
      } else if (isLineBreak(c)) {
        const end = c === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
        this.at = end;
        return { kind: 'punct', text: NEWLINE, span: { start: i, end } };
      } else if (c === HASH) {
        let end = i;
        while (end < text.length && !isLineBreak(text.charCodeAt(end))) end++;
        this.comments?.push({ span: { start: i, end }, text: text.slice(i + 1, end) });
        this.at = end;
      } else if (c === QUOTE) {
        let end = i + 1;
        while (end < text.length && text.charCodeAt(end) !== QUOTE && !isLineBreak(text.charCodeAt(end))) end++;
        const closed = text.charCodeAt(end) === QUOTE;
        if (!closed) this.problems?.push({ code: FIREWALL_SYNTAX, message: 'This string is never closed.', start: i, end });
        this.at = closed ? end + 1 : end;
        return { kind: 'string', text: text.slice(i + 1, end), span: { start: i, end: this.at } };
      } else if (isPunctuation(c) || (c === EQUALS && text.charCodeAt(i + 1) !== EQUALS)) {
        this.at = i + 1;
        return { kind: 'punct', text: text[i], span: { start: i, end: i + 1 } };
      } else {
        let end = i + 1;
        while (end < text.length && !isWordEnd(text, end)) end++;
        this.at = end;
        return { kind: 'word', text: text.slice(i, end), span: { start: i, end } };
      }
    }
    return undefined;
  }
}

/** Words run to blanks and punctuation; `!=`, `==`, `<=`, `>=` keep their `=` (never the word's first character). */
function isWordEnd(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === SPACE || c === TAB || isLineBreak(c) || isPunctuation(c) || c === QUOTE || c === HASH) return true;
  if (c === EQUALS) {
    const before = text.charCodeAt(i - 1);
    // ! = < >
    return before !== 33 && before !== EQUALS && before !== 60 && before !== 62;
  }
  return false;
}

class Parser {
  /** Tokens scanned ahead and not yet taken, from `taken` on. */
  private readonly ahead: NftToken[] = [];
  private taken = 0;
  /** The last token taken: at the end of the file, the file's last token. */
  private last: NftToken | undefined;

  constructor(
    private readonly scanner: Scanner,
    private readonly problems: ParseProblem[],
  ) {}

  file(): NftStatement[] {
    const statements: NftStatement[] = [];
    for (;;) {
      this.skipSeparators();
      const token = this.peek();
      if (!token) return statements;
      const word = token.kind === 'word' ? token.text : '';
      if (word === 'table') statements.push(...this.tableBlock());
      else if (word === 'define' || word === 'redefine') statements.push(...this.define());
      else if (word === 'include') statements.push(...this.include());
      else if (['add', 'create', 'insert', 'replace'].includes(word)) statements.push(...this.command());
      else if (OTHER_COMMANDS.has(word)) statements.push({ kind: 'other', span: this.statementSpan(this.statement()) });
      else this.reportStatement('Expected table, define, include or a command such as add rule.');
    }
  }

  private tableBlock(): NftStatement[] {
    const start = this.next().span.start;
    const head = this.wordsUntilBrace();
    const { family, rest } = splitFamily(head);
    const nameToken = rest[0];
    if (!nameToken || rest.length > 1 || this.peek()?.text !== '{') {
      this.reportStatement('A table is written `table inet filter { ... }`.', start);
      return [];
    }
    const table: NftTable = {
      kind: 'table',
      family,
      name: nameToken.text,
      nameSpan: nameToken.span,
      span: { start, end: nameToken.span.end },
      chains: [],
      sets: [],
    };
    this.next();
    table.span.end = this.tableBody(table, start);
    return [table];
  }

  /** Reads members up to the closing brace; returns the end offset. */
  private tableBody(table: NftTable, start: number): number {
    for (;;) {
      this.skipSeparators();
      const token = this.peek();
      if (!token) return this.unclosed('table', start);
      if (token.text === '}') return this.next().span.end;
      if (token.kind === 'word' && (token.text === 'chain' || token.text === 'set' || token.text === 'map')) {
        const member = this.member(table.family, table.name);
        if (member?.kind === 'chain') table.chains.push(member);
        else if (member) table.sets.push(member);
      } else {
        this.statement();
      }
    }
  }

  /** `chain NAME { ... }` or `set NAME { ... }` inside a table. */
  private member(family: string, table: string): NftChain | NftSet | undefined {
    const keyword = this.next();
    const name = this.peek();
    if (!name || name.kind === 'punct' || this.peek(1)?.text !== '{') {
      this.reportStatement(`A ${keyword.text} is written \`${keyword.text} NAME { ... }\`.`, keyword.span.start);
      return undefined;
    }
    this.next();
    this.next();
    if (keyword.text === 'chain') return this.chainBody(family, table, name, keyword.span.start);
    return this.setBody(family, table, name, keyword.span.start, keyword.text === 'map');
  }

  private chainBody(family: string, table: string, name: NftToken, start: number): NftChain {
    const chain: NftChain = { kind: 'chain', family, table, name: name.text, nameSpan: name.span, span: { start, end: name.span.end }, rules: [] };
    for (;;) {
      this.skipSeparators();
      const token = this.peek();
      if (!token) {
        chain.span.end = this.unclosed('chain', start);
        return chain;
      }
      if (token.text === '}') {
        chain.span.end = this.next().span.end;
        return chain;
      }
      const statement = this.statement();
      const head = statement[0]?.text;
      if (head === 'type' && statement[0].kind === 'word') {
        chain.type = setting(statement[1]);
        chain.hook = setting(statement[statement.findIndex((t) => t.text === 'hook') + 1]);
      } else if (head === 'policy' && statement[0].kind === 'word') {
        chain.policy = setting(statement[1]);
      } else if (head !== 'comment' && head !== 'devices' && head !== 'device') {
        const span = this.statementSpan(statement);
        chain.rules.push({ kind: 'rule', family, table, chain: name.text, body: span, span, position: 'append' });
      }
    }
  }

  private setBody(family: string, table: string, name: NftToken, start: number, isMap: boolean): NftSet {
    const set: NftSet = { kind: 'set', family, table, isMap, name: name.text, nameSpan: name.span, span: { start, end: name.span.end }, flags: [], elements: [] };
    for (;;) {
      this.skipSeparators();
      const token = this.peek();
      if (!token) {
        set.span.end = this.unclosed(isMap ? 'map' : 'set', start);
        return set;
      }
      if (token.text === '}') {
        set.span.end = this.next().span.end;
        return set;
      }
      const statement = this.statement();
      const head = statement[0]?.text;
      if (head === 'type' || head === 'typeof') set.type = statement.slice(1).map((t) => t.text).join(' ');
      else if (head === 'flags') set.flags.push(...statement.slice(1).filter((t) => t.kind === 'word').map((t) => t.text));
      else if (head === 'elements') for (const item of braceContent(statement)) set.elements.push(item);
    }
  }

  private define(): NftStatement[] {
    const keyword = this.next();
    const statement = this.statement();
    const name = statement[0];
    if (!name || name.kind !== 'word' || statement[1]?.text !== '=' || statement.length < 3) {
      this.problems.push({ code: FIREWALL_SYNTAX, message: 'A variable is written `define NAME = value`.', ...this.statementSpan([keyword, ...statement]) });
      return [];
    }
    return [{ kind: 'define', name: name.text, nameSpan: name.span, value: statement.slice(2), span: this.statementSpan([keyword, ...statement]) }];
  }

  private include(): NftStatement[] {
    const keyword = this.next();
    const statement = this.statement();
    const path = statement[0];
    if (!path || path.kind !== 'string' || statement.length > 1) {
      this.problems.push({ code: FIREWALL_SYNTAX, message: 'An include is written `include "path"`.', ...this.statementSpan([keyword, ...statement]) });
      return [];
    }
    return [{ kind: 'include', path: path.text, span: this.statementSpan([keyword, ...statement]) }];
  }

  /** `add rule [family] table chain ...`, `add chain ...`, `add set ...`, `add element ...`, `add table ...`. */
  private command(): NftStatement[] {
    const verb = this.next();
    const object = this.peek();
    const objectText = object?.kind === 'word' ? object.text : '';
    if (objectText === 'table' || objectText === 'chain' || objectText === 'set' || objectText === 'map') {
      // The words after the object, looked at before any is taken: a statement of another shape is read whole below.
      const words: NftToken[] = [];
      for (let token = this.peek(1); token && token.kind !== 'punct'; token = this.peek(words.length + 1)) words.push(token);
      const { family, rest } = splitFamily(words);
      const hasBody = this.peek(words.length + 1)?.text === '{';
      const takeHeader = () => {
        for (let taken = 0; taken <= words.length; taken++) this.next();
      };
      if (objectText === 'table' && rest.length === 1) {
        takeHeader();
        const table: NftTable = { kind: 'table', family, name: rest[0].text, nameSpan: rest[0].span, span: { start: verb.span.start, end: rest[0].span.end }, chains: [], sets: [] };
        if (hasBody) {
          this.next();
          table.span.end = this.tableBody(table, verb.span.start);
        }
        return [table];
      }
      if (rest.length === 2 && (hasBody || objectText === 'chain')) {
        takeHeader();
        const [table, name] = rest;
        if (!hasBody) {
          return [{ kind: 'chain', family, table: table.text, name: name.text, nameSpan: name.span, span: { start: verb.span.start, end: name.span.end }, rules: [] }];
        }
        this.next();
        if (objectText === 'chain') return [this.chainBody(family, table.text, name, verb.span.start)];
        return [this.setBody(family, table.text, name, verb.span.start, objectText === 'map')];
      }
    }
    const statement = this.statement();
    const span = this.statementSpan([verb, ...statement]);
    if (objectText === 'rule') {
      const { family, rest } = splitFamily(statement.slice(1));
      const [table, chain, ...tokens] = rest;
      if (!table || !chain || tokens.length === 0) {
        this.problems.push({ code: FIREWALL_SYNTAX, message: 'A rule command is written `add rule inet filter input ...`.', ...span });
        return [];
      }
      const body = { start: tokens[0].span.start, end: tokens[tokens.length - 1].span.end };
      return [{ kind: 'rule', family, table: table.text, chain: chain.text, body, span, position: verb.text === 'insert' ? 'insert' : 'append' }];
    }
    if (objectText === 'element') {
      const { family, rest } = splitFamily(statement.slice(1));
      const [table, set] = rest;
      if (!table || !set || rest[2]?.text !== '{') {
        this.problems.push({ code: FIREWALL_SYNTAX, message: 'An element command is written `add element inet filter NAME { ... }`.', ...span });
        return [];
      }
      return [{ kind: 'elements', family, table: table.text, set: set.text, setSpan: set.span, span, elements: braceContent(statement) }];
    }
    return [{ kind: 'other', span }];
  }

  /** Words up to a `{` or the end of the statement, leaving the `{` unread. */
  private wordsUntilBrace(): NftToken[] {
    const words: NftToken[] = [];
    for (let token = this.peek(); token && token.kind !== 'punct'; token = this.peek()) words.push(this.next());
    return words;
  }

  /** The tokens of one statement: up to a line break or `;` outside braces, or an unmatched `}`. */
  private statement(): NftToken[] {
    const tokens: NftToken[] = [];
    let depth = 0;
    for (let token = this.peek(); token; token = this.peek()) {
      if (depth === 0 && (token.text === NEWLINE || token.text === ';') && token.kind === 'punct') break;
      if (token.text === '}' && token.kind === 'punct') {
        if (depth === 0) break;
        depth--;
      }
      if (token.text === '{' && token.kind === 'punct') depth++;
      this.next();
      if (token.text !== NEWLINE) tokens.push(token);
    }
    return tokens;
  }

  private reportStatement(message: string, start?: number): void {
    const first = this.peek();
    const tokens = this.statement();
    if (tokens.length === 0 && first?.text === '}') tokens.push(this.next());
    const end = tokens.length > 0 ? tokens[tokens.length - 1].span.end : (this.last?.span.end ?? 0);
    const from = start ?? tokens[0]?.span.start ?? end;
    this.problems.push({ code: FIREWALL_SYNTAX, message, start: from, end: Math.max(end, from) });
  }

  private unclosed(what: string, start: number): number {
    const end = this.last?.span.end ?? start;
    this.problems.push({ code: FIREWALL_SYNTAX, message: `This ${what} is never closed with }.`, start, end: Math.min(end, start + what.length) });
    return end;
  }

  private statementSpan(tokens: NftToken[]): Span {
    if (tokens.length === 0) {
      const at = this.peek()?.span.start ?? this.last?.span.end ?? 0;
      return { start: at, end: at };
    }
    return { start: tokens[0].span.start, end: tokens[tokens.length - 1].span.end };
  }

  private skipSeparators(): void {
    for (let token = this.peek(); token && token.kind === 'punct' && (token.text === NEWLINE || token.text === ';'); token = this.peek()) this.next();
  }

  private peek(ahead = 0): NftToken | undefined {
    while (this.ahead.length - this.taken <= ahead) {
      const token = this.scanner.next();
      if (!token) return undefined;
      this.ahead.push(token);
    }
    return this.ahead[this.taken + ahead];
  }

  private next(): NftToken {
    const token = this.peek() as NftToken;
    this.last = token;
    if (++this.taken === this.ahead.length) {
      this.ahead.length = 0;
      this.taken = 0;
    }
    return token;
  }
}

/** `inet filter input` → family inet; `filter input` → the default family, ip. */
function splitFamily(words: NftToken[]): { family: string; rest: NftToken[] } {
  if (words.length >= 2 && FAMILIES.has(words[0].text) && words[0].kind === 'word' && words[1].kind === 'word') {
    return { family: words[0].text, rest: words.slice(1) };
  }
  return { family: 'ip', rest: words };
}

function setting(token: NftToken | undefined): NftSetting | undefined {
  return token ? { value: token.text, span: token.span } : undefined;
}

/** The tokens inside the first `{ ... }` of a statement, nested braces kept. */
function braceContent(statement: NftToken[]): NftToken[] {
  const open = statement.findIndex((t) => t.text === '{' && t.kind === 'punct');
  if (open < 0) return [];
  let depth = 0;
  for (let i = open; i < statement.length; i++) {
    const t = statement[i];
    if (t.kind !== 'punct') continue;
    if (t.text === '{') depth++;
    else if (t.text === '}' && --depth === 0) return statement.slice(open + 1, i);
  }
  return statement.slice(open + 1);
}
