// A PowerShell parser that reads statements, pipelines and commands, following the
// lexical grammar of the PowerShell language specification where commands depend on it
// (argument mode vs expression mode, quoting, here-strings, `--%`, continuations).
//
// Why not tree-sitter: the `tree-sitter-powershell` WASM grammar fails on unquoted comma
// lists (`Restart-Service MSExchangeRPC, MSExchangeAB`) and on native arguments such as
// `name="MSExchangeRPC (TCP-In)"`, reports syntax errors in about a fifth of real
// Microsoft scripts and parses about 2 MB/s. The checks need commands, their parameters
// and literal values, not a full expression tree, so this is a purpose-built
// recursive-descent reader over character codes:
// - linear time: every loop consumes input, no backtracking and no regular expressions
//   over unbounded text (an unclosed string is rescanned once, up to its line end);
// - never throws: errors become `ps-syntax` problems and parsing resumes at the next
//   statement boundary; nesting deeper than MAX_DEPTH stops the parse with a problem;
// - lenient: a construct it does not model is kept as an opaque node, never reported,
//   so valid scripts produce no problems.
import type { Span } from '../common/model';
import type { TextChange } from '../reg/parser';
import { scriptSlot } from './memo';
import type {
  PsArgument,
  PsArray,
  PsAssignmentStatement,
  PsCommand,
  PsCommandElement,
  PsExpressionElement,
  PsHashEntry,
  PsHashtable,
  PsOtherExpression,
  PsParameter,
  PsPipeline,
  PsQuote,
  PsScript,
  PsScriptBlock,
  PsStatement,
  PsString,
  PsStringPart,
  PsSubexpression,
  PsValue,
  PsVariable,
} from './ast';
import * as chars from './chars';

// Bound once. Run through a CommonJS loader (tsx, as the tests and the benchmark run TypeScript),
// every use of an imported name is a getter call: more than the work per character of the loops below.
const { BACKTICK, backtickEscape, blanksEnd, endsGenericToken, isBlank, isDash, isDigit, isDoubleQuote, isLetter, isNameChar, isNewline, isSingleQuote, nameEnd, parameterNameEnd, parseNumberLiteral, plainWordEnd } = chars;

const MAX_DEPTH = 100;
/** A command's elements until they are read: never changed, and replaced before the parser returns. */
const NO_ELEMENTS: PsCommandElement[] = [];
const CODE = 'ps-syntax';

/** Parameters that never take a value, so the next word is a positional argument. */
const SWITCHES = new Set([
  'force',
  'recurse',
  'usessl',
  'whatif',
  'confirm',
  'passthru',
  'verbose',
  'debug',
  'asjob',
  'nonewwindow',
  'wait',
  'append',
  'noprofile',
  'noninteractive',
  'nonewline',
  'noclobber',
  'allowclobber',
  'skippublishercheck',
  'detailed',
  'quiet',
  'raw',
  'list',
  'all',
]);

/** A Map, not an object: a command named `constructor` is no alias of Object's. */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['sp', 'set-itemproperty'],
  ['rp', 'remove-itemproperty'],
  ['gp', 'get-itemproperty'],
  ['ni', 'new-item'],
  ['%', 'foreach-object'],
  ['foreach', 'foreach-object'],
  ['?', 'where-object'],
  ['where', 'where-object'],
  ['icm', 'invoke-command'],
  ['gsv', 'get-service'],
  ['sasv', 'start-service'],
  ['spsv', 'stop-service'],
]);

const SCOPES = new Set(['script', 'global', 'local', 'private', 'using', 'workflow']);

/** A bound for scripts of generated names; past it the memo starts over. */
const MAX_REMEMBERED_NAMES = 10_000;

/** V8 copies a shorter slice of a string; a longer one is a view that keeps the whole string alive. */
const MIN_VIEW_LENGTH = 13;

/** `text` as a string of its own: a memo that outlives the parse must not keep a source text alive. */
function ownCopy(text: string): string {
  return text.length < MIN_VIEW_LENGTH ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/**
 * Short words as read → one string for each: a script repeats its parameter names, keywords and
 * values (`-ComputerName`, `'TCP/IP Port'`, `Out-Null`), and a parse keeps every one of them. A
 * short slice is a copy of its own; a longer one is a small view of the source.
 */
const words = new Map<string, string>();

function intern(word: string): string {
  if (word.length >= MIN_VIEW_LENGTH) return word;
  let known = words.get(word);
  if (known === undefined) {
    if (words.size >= MAX_REMEMBERED_NAMES) words.clear();
    known = word;
    words.set(known, known);
  }
  return known;
}

/**
 * `normalize`, remembered for each name as written: a script repeats a few dozen commands and a
 * few hundred variables, and keeps one string for each. Both sides are strings of their own.
 */
function rememberedNormalization(normalize: (name: string) => string): (name: string) => string {
  const memo = new Map<string, string>();
  return (name) => {
    let normalized = memo.get(name);
    if (normalized === undefined) {
      if (memo.size >= MAX_REMEMBERED_NAMES) memo.clear();
      normalized = ownCopy(normalize(name));
      memo.set(ownCopy(name), normalized);
    }
    return normalized;
  };
}

const canonicalCommandName = rememberedNormalization(readCommandName);

/** `Microsoft.PowerShell.Management\Set-ItemProperty`, `C:\Windows\reg.exe`, `sp` → canonical lower-case name. */
export function normalizeCommandName(name: string | undefined): string {
  return name === undefined ? '' : canonicalCommandName(name);
}

function readCommandName(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('\\'), name.lastIndexOf('/')) + 1).toLowerCase();
  const withoutExtension = base.replace(/\.(exe|com|bat|cmd)$/, '');
  return ALIASES.get(withoutExtension) ?? withoutExtension;
}

const normalizeVariableName = rememberedNormalization(readVariableName);

function readVariableName(name: string): string {
  const lower = name.toLowerCase();
  const colon = lower.indexOf(':');
  if (colon > 0 && SCOPES.has(lower.slice(0, colon))) return lower.slice(colon + 1);
  return lower;
}

/** The value of a string made of these parts: their text when no part needs expanding. */
function textOf(parts: readonly PsStringPart[]): string | undefined {
  let value = '';
  for (const part of parts) {
    if (part.kind !== 'text') return undefined;
    value += part.value;
  }
  return value;
}

function isAssignable(value: PsValue): PsVariable | undefined {
  if (value.kind === 'variable' && value.members.length === 0) return value;
  // `[int]$port = 5`: a cast around the variable.
  if (value.kind === 'other' && value.cast !== undefined) {
    const inner = value.children[1];
    return inner.kind === 'variable' && inner.members.length === 0 ? inner : undefined;
  }
  return undefined;
}

/**
 * Adds `item` to `list` at `index`, where the list ended when the item's node started: the items
 * recorded inside the node (before it, as it ends after them) move one place down. The list stays
 * in source order (an enclosing item before the items inside it) without a sort.
 */
function insertAt<T>(list: T[], index: number, item: T): void {
  if (index === list.length) list.push(item);
  else list.splice(index, 0, item);
}

/** The lists the parser fills besides the tree, in source order (the script's fields of the same names). */
const LISTS = ['commands', 'assignments', 'hashtables', 'comments', 'problems', 'pipelines', 'assignmentStatements', 'scriptBlocks'] as const;

type Collected = Pick<PsScript, (typeof LISTS)[number]>;

function emptyCollected(): Collected {
  return { commands: [], assignments: [], hashtables: [], comments: [], problems: [], pipelines: [], assignmentStatements: [], scriptBlocks: [] };
}

/**
 * One step of the top-level statement loop: the trivia before a statement and the statement (or a
 * stray `;` or closer, or the end of the input). Steps are what a re-parse reuses.
 */
interface Step {
  start: number;
  /**
   * The furthest offset the step read (looking ahead of where it stopped included): text from
   * there on cannot change what the step parsed. An unclosed string reads to the end of the input.
   */
  reach: number;
  statement: PsStatement | undefined;
  /** How many items the step added to each list, in LISTS order. */
  sizes: number[];
  /** Every span the step made: a re-parse moves those of the steps below an edit in place, each once. */
  spans: Span[];
}

/** The cursor reads at most two characters past itself (`code(2)`): a step's reach is at least that beyond its end. */
const LOOKAHEAD = 3;

class Parser {
  private pos: number;
  private end: number;
  private depth = 0;
  private tooDeepReported = false;
  private readonly closers: number[] = [];
  /** Open script blocks and function bodies, innermost last, for assignment scopes. */
  private readonly blocks: { span: Span; isFunction: boolean }[] = [];
  /** The furthest offset read ahead of the cursor in the current step (see `Step.reach`). */
  private reach = 0;
  readonly lists: Collected = emptyCollected();
  readonly steps: Step[] = [];
  // Items being gathered for the arrays of the nodes under construction, innermost last (`keep`,
  // `take`): a node's array is copied out at its exact size. Growing each from empty by `push` left
  // room for 17 items in every array a script keeps: a third of what it kept.
  private readonly pending: unknown[] = [];
  private pendingTop = 0;
  /** The spans made in the current step (`spanTop` of them), copied out at its end. */
  private readonly spans: Span[] = [];
  private spanTop = 0;
  /** List lengths saved by `mark` (LISTS order, then the pending items and the spans), a stack. */
  private readonly marks: number[] = [];
  private markTop = 0;

  constructor(
    private readonly text: string,
    from = 0,
  ) {
    this.end = text.length;
    this.pos = from;
  }

  /** Top-level steps from the cursor to the end of the input, or up to an offset `resumeAt` accepts. */
  parseSteps(resumeAt?: (offset: number) => boolean): void {
    const { lists, marks } = this;
    for (;;) {
      const start = this.pos;
      if (resumeAt?.(start)) return;
      this.reach = start;
      this.spanTop = 0;
      const at = this.mark();
      const more = this.statementStep(-1);
      const sizes = [
        lists.commands.length - marks[at],
        lists.assignments.length - marks[at + 1],
        lists.hashtables.length - marks[at + 2],
        lists.comments.length - marks[at + 3],
        lists.problems.length - marks[at + 4],
        lists.pipelines.length - marks[at + 5],
        lists.assignmentStatements.length - marks[at + 6],
        lists.scriptBlocks.length - marks[at + 7],
      ];
      this.markTop = at;
      const statement = this.pendingTop > 0 ? (this.pending[0] as PsStatement) : undefined;
      this.pendingTop = 0;
      const reach = Math.max(this.reach, this.pos + LOOKAHEAD);
      this.steps.push({ start, reach, statement, sizes, spans: this.spans.slice(0, this.spanTop) });
      if (!more) return;
    }
  }

  /** Saves the lengths of the lists, the pending items and the spans; `restore` goes back to them. */
  private mark(): number {
    const { lists, marks } = this;
    const at = this.markTop;
    marks[at] = lists.commands.length;
    marks[at + 1] = lists.assignments.length;
    marks[at + 2] = lists.hashtables.length;
    marks[at + 3] = lists.comments.length;
    marks[at + 4] = lists.problems.length;
    marks[at + 5] = lists.pipelines.length;
    marks[at + 6] = lists.assignmentStatements.length;
    marks[at + 7] = lists.scriptBlocks.length;
    marks[at + 8] = this.pendingTop;
    marks[at + 9] = this.spanTop;
    this.markTop = at + 10;
    return at;
  }

  /** Drops what was recorded since `mark` returned `at`, and the marks since. */
  private restore(at: number): void {
    const { lists, marks } = this;
    lists.commands.length = marks[at];
    lists.assignments.length = marks[at + 1];
    lists.hashtables.length = marks[at + 2];
    lists.comments.length = marks[at + 3];
    lists.problems.length = marks[at + 4];
    lists.pipelines.length = marks[at + 5];
    lists.assignmentStatements.length = marks[at + 6];
    lists.scriptBlocks.length = marks[at + 7];
    this.pendingTop = marks[at + 8];
    this.spanTop = marks[at + 9];
    this.markTop = at;
  }

  /** Adds an item to the innermost array being gathered. */
  private keep(item: unknown): void {
    this.pending[this.pendingTop++] = item;
  }

  /** The items kept since the pending count was `from`, as an array of their own. */
  private take<T>(from: number): T[] {
    const items = this.pending.slice(from, this.pendingTop) as T[];
    this.pendingTop = from;
    return items;
  }

  private span(start: number, end: number): Span {
    const made = { start, end };
    this.spans[this.spanTop++] = made;
    return made;
  }

  /**
   * Records a read past where the step may end: a peek that does not consume (`else` after an
   * `if`, `|` on the next line), or a string scanned to the end of the input before it is ended at
   * its line. Where the parser steps back after a peek for `,` or an operand, it reads the same
   * text forward again in the same step, so those peeks need no record.
   */
  private readAhead(offset: number): void {
    if (offset > this.reach) this.reach = offset;
  }

  // ---- characters and trivia ----

  private code(offset = 0): number {
    const i = this.pos + offset;
    return i < this.end ? this.text.charCodeAt(i) : -1;
  }

  private problem(start: number, end: number, message: string): void {
    this.lists.problems.push({ start, end: Math.max(start, Math.min(end, this.text.length)), code: CODE, message });
  }

  private lineEndFrom(offset: number): number {
    let i = offset;
    while (i < this.text.length && !isNewline(this.text.charCodeAt(i))) i++;
    this.readAhead(i);
    return i;
  }

  private skipNewline(): void {
    if (this.code() === 13 && this.code(1) === 10) this.pos += 2;
    else this.pos++;
  }

  /** Skips blanks, comments and backtick continuations; newlines too when `newlines`. */
  /** Blanks, comments, line breaks and `;` between the items of a block or a hashtable. */
  private skipSeparators(): void {
    this.skipTrivia(true);
    while (this.code() === 59) {
      this.pos++;
      this.skipTrivia(true);
    }
  }

  private skipTrivia(newlines: boolean): void {
    // On locals, not `code()`: the parser skips trivia before every token, and until it is optimised
    // each call and property read is a step of the interpreter.
    const { text, end } = this;
    let i = this.pos;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9) i++;
      else if (c === 10 || c === 13) {
        if (!newlines) break;
        i++;
      } else if (c === BACKTICK) {
        // A continuation: a backtick and a line break (CR LF as one).
        const next = i + 1 < end ? text.charCodeAt(i + 1) : -1;
        if (next === 10) i += 2;
        else if (next === 13) i += i + 2 < end && text.charCodeAt(i + 2) === 10 ? 3 : 2;
        else break;
      } else if (c === 35 /* # */ || (c === 60 /* < */ && i + 1 < end && text.charCodeAt(i + 1) === 35)) {
        this.pos = i;
        if (c === 35) this.lineComment();
        else this.blockComment();
        i = this.pos;
      } else if (isBlank(c)) i = blanksEnd(text, i + 1, end);
      else break;
    }
    this.pos = i;
  }

  private skipBlanks(): void {
    this.pos = blanksEnd(this.text, this.pos, this.end);
  }

  private lineComment(): void {
    const start = this.pos;
    const { text, end } = this;
    let i = start;
    for (let c = text.charCodeAt(i); i < end && c !== 10 && c !== 13; c = text.charCodeAt(++i));
    this.pos = i;
    this.lists.comments.push({ span: this.span(start, i), text: text.slice(start + 1, i) });
  }

  private blockComment(): void {
    const start = this.pos;
    this.pos += 2;
    while (this.pos < this.end && !(this.code() === 35 && this.code(1) === 62)) this.pos++;
    if (this.pos >= this.end) {
      this.problem(start, start + 2, "This block comment is missing its closing '#>'.");
      this.lists.comments.push({ span: this.span(start, this.end), text: this.text.slice(start + 2, this.end) });
      return;
    }
    this.pos += 2;
    this.lists.comments.push({ span: this.span(start, this.pos), text: this.text.slice(start + 2, this.pos - 2) });
  }

  /** True (and the rest of the input skipped) once nesting is deeper than MAX_DEPTH. */
  private tooDeep(): boolean {
    if (this.depth < MAX_DEPTH) return false;
    if (!this.tooDeepReported) {
      this.tooDeepReported = true;
      this.problem(this.pos, this.pos + 1, `Nesting deeper than ${MAX_DEPTH} levels: the rest of the script is not checked.`);
    }
    this.pos = this.end;
    return true;
  }

  // Groups open and close in two calls around their contents, not around a callback: a closure per
  // bracket costs, the more through tsx, which names every function it makes.

  /** Steps over an opener of `openLength` characters; false (the rest of the input skipped) past MAX_DEPTH. */
  private openGroup(openLength: number, closer: number): boolean {
    this.pos += openLength;
    if (this.tooDeep()) return false;
    this.depth++;
    this.closers.push(closer);
    return true;
  }

  /** Steps over `closer`, or reports it missing for the opener at `start`. */
  private closeGroup(start: number, openLength: number, closer: number): void {
    this.closers.pop();
    this.depth--;
    if (this.code() === closer) this.pos++;
    else {
      const opener = this.text.slice(start, start + openLength);
      this.problem(start, start + openLength, `'${opener}' is missing its closing '${String.fromCharCode(closer)}'.`);
    }
  }

  private isCloser(c: number): boolean {
    return c === 41 || c === 125 || (c === 93 && this.closers.includes(93));
  }

  // ---- statements ----

  private parseStatements(closer: number): PsStatement[] {
    const from = this.pendingTop;
    while (this.statementStep(closer));
    return this.take(from);
  }

  /** Trivia and one statement (or `;`, or a stray closer), the statement kept; false at `closer` or the end. */
  private statementStep(closer: number): boolean {
    this.skipTrivia(true);
    const c = this.code();
    if (c === -1) return false;
    if (c === 59 /* ; */) {
      this.pos++;
      return true;
    }
    if (c === 41 || c === 125 || c === 93) {
      if (c === closer || this.closers.includes(c)) return false;
      this.problem(this.pos, this.pos + 1, `Unexpected '${String.fromCharCode(c)}'.`);
      this.pos++;
      return true;
    }
    const before = this.pos;
    const statement = this.parseStatement();
    if (statement !== undefined) this.keep(statement);
    if (this.pos === before) {
      this.problem(this.pos, this.pos + 1, `Unexpected '${this.text[this.pos]}'.`);
      this.pos++;
    }
    return true;
  }

  /** The keyword-like word at the cursor (letters, digits, `_`, `-`), lower-cased. */
  private peekWord(): string {
    let i = this.pos;
    while (i < this.end) {
      const c = this.text.charCodeAt(i);
      if (!isNameChar(c) && !isDash(c)) break;
      i++;
    }
    this.readAhead(i);
    return intern(this.text.slice(this.pos, i).toLowerCase());
  }

  /** The next non-blank character after `offset`, newlines included, without consuming. */
  private peekPastBlanks(offset: number): number {
    let i = this.pos + offset;
    while (i < this.end && (isBlank(this.text.charCodeAt(i)) || isNewline(this.text.charCodeAt(i)))) i++;
    this.readAhead(i);
    return i < this.end ? this.text.charCodeAt(i) : -1;
  }

  private parseStatement(): PsStatement | undefined {
    if (this.tooDeep()) return undefined;
    this.depth++;
    try {
      return this.parseStatementInner();
    } finally {
      this.depth--;
    }
  }

  private parseStatementInner(): PsStatement | undefined {
    if (this.code() === 58 /* : */ && isLetter(this.code(1))) {
      this.pos++;
      while (isNameChar(this.code())) this.pos++;
      this.skipTrivia(true);
    }
    const word = this.peekWord();
    const after = this.code(word.length);
    if (word.length > 0 && (endsGenericToken(after) || after === 35 /* # */)) {
      const keyword = this.parseKeywordStatement(word);
      if (keyword !== undefined) return keyword;
    }
    return this.parsePipeline();
  }

  /** A block statement whose children are the items kept since the pending count was `from`. */
  private block(keyword: string, start: number, from: number, name?: string): PsStatement {
    return { kind: 'block', keyword, span: this.span(start, this.pos), name, children: this.take(from) };
  }

  private parseKeywordStatement(word: string): PsStatement | undefined {
    const start = this.pos;
    const childrenFrom = this.pendingTop;
    switch (word) {
      case 'if':
        this.pos += 2;
        for (;;) {
          this.skipTrivia(true);
          if (this.code() === 40) this.keep(this.parseParen('('));
          this.skipTrivia(true);
          if (this.code() !== 123) break;
          this.keep(this.parseScriptBlock());
          this.skipTrivia(true);
          const next = this.peekWord();
          if (next === 'elseif') {
            this.pos += 6;
            continue;
          }
          if (next === 'else') {
            this.pos += 4;
            this.skipTrivia(true);
            if (this.code() === 123) this.keep(this.parseScriptBlock());
          }
          break;
        }
        return this.block(word, start, childrenFrom);
      case 'while':
      case 'for':
        this.pos += word.length;
        this.skipTrivia(true);
        if (this.code() === 40) this.keep(this.parseParen('('));
        this.skipTrivia(true);
        if (this.code() === 123) this.keep(this.parseScriptBlock());
        return this.block(word, start, childrenFrom);
      case 'foreach':
        this.pos += word.length;
        this.skipTrivia(true);
        while (isDash(this.code())) {
          this.pos++;
          while (isNameChar(this.code())) this.pos++;
          this.skipTrivia(true);
          if (isDigit(this.code())) this.parseArgument();
          this.skipTrivia(true);
        }
        if (this.code() === 40) this.parseForeachHead();
        this.skipTrivia(true);
        if (this.code() === 123) this.keep(this.parseScriptBlock());
        return this.block(word, start, childrenFrom);
      case 'switch':
        this.pos += word.length;
        this.parseSwitch();
        return this.block(word, start, childrenFrom);
      case 'do':
        this.pos += 2;
        this.skipTrivia(true);
        if (this.code() === 123) this.keep(this.parseScriptBlock());
        this.skipTrivia(true);
        if (this.peekWord() === 'while' || this.peekWord() === 'until') {
          this.pos += 5;
          this.skipTrivia(true);
          if (this.code() === 40) this.keep(this.parseParen('('));
        }
        return this.block(word, start, childrenFrom);
      case 'try':
        this.pos += 3;
        this.skipTrivia(true);
        if (this.code() === 123) this.keep(this.parseScriptBlock());
        for (;;) {
          this.skipTrivia(true);
          const next = this.peekWord();
          if (next !== 'catch' && next !== 'finally') break;
          this.pos += next.length;
          this.skipTrivia(true);
          while (this.code() === 91 /* [ */ || this.code() === 44 /* , */) {
            if (this.code() === 44) this.pos++;
            else this.keep(this.parseTypeLiteral());
            this.skipTrivia(true);
          }
          if (this.code() !== 123) break;
          this.keep(this.parseScriptBlock());
        }
        return this.block(word, start, childrenFrom);
      case 'trap':
        this.pos += 4;
        this.skipTrivia(true);
        if (this.code() === 91) this.keep(this.parseTypeLiteral());
        this.skipTrivia(true);
        if (this.code() === 123) this.keep(this.parseScriptBlock());
        return this.block(word, start, childrenFrom);
      case 'function':
      case 'filter':
      case 'workflow':
      case 'configuration':
        return this.parseFunction(word, start);
      case 'param':
        this.pos += 5;
        this.skipTrivia(true);
        if (this.code() === 40) this.parseParamList();
        return this.block(word, start, childrenFrom);
      case 'begin':
      case 'process':
      case 'end':
      case 'clean':
      case 'dynamicparam':
      case 'parallel':
      case 'sequence':
      case 'inlinescript':
        if (this.peekPastBlanks(word.length) !== 123) return undefined;
        this.pos += word.length;
        this.skipTrivia(true);
        this.keep(this.parseScriptBlock());
        return this.block(word, start, childrenFrom);
      case 'class':
      case 'enum':
      case 'data':
        this.pos += word.length;
        // Name, base types and options up to the body: `class Foo : Bar {`.
        while (this.pos < this.end && this.code() !== 123 && !isNewline(this.code()) && this.code() !== 59) {
          this.skipTrivia(false);
          if (this.code() === 123 || isNewline(this.code()) || this.code() === -1) break;
          if (this.isCloser(this.code())) break;
          this.parseArgumentPrimary();
        }
        this.skipTrivia(true);
        if (this.code() === 123) this.keep(this.parseScriptBlock());
        return this.block(word, start, childrenFrom);
      case 'return':
      case 'throw':
      case 'exit':
        this.pos += word.length;
        this.skipTrivia(false);
        if (!this.atStatementEnd()) {
          const value = this.parsePipeline();
          if (value !== undefined) this.keep(value);
        }
        return this.block(word, start, childrenFrom);
      case 'break':
      case 'continue':
        this.pos += word.length;
        this.skipTrivia(false);
        if (!this.atStatementEnd()) this.parseArgumentPrimary();
        return this.block(word, start, childrenFrom);
      case 'using':
        this.pos = this.lineEndFrom(this.pos);
        return this.block(word, start, childrenFrom);
      default:
        return undefined;
    }
  }

  private atStatementEnd(): boolean {
    const c = this.code();
    return c === -1 || isNewline(c) || c === 59 || c === 124 || this.isCloser(c);
  }

  private parseFunction(keyword: string, start: number): PsStatement {
    this.pos += keyword.length;
    this.skipTrivia(false);
    const nameStart = this.pos;
    while (!endsGenericToken(this.code())) this.pos++;
    const name = this.text.slice(nameStart, this.pos);
    const childrenFrom = this.pendingTop;
    const scope = this.openScope(true);
    this.skipTrivia(true);
    if (this.code() === 40) this.parseParamList();
    this.skipTrivia(true);
    if (this.code() === 123) this.keep(this.parseScriptBlock());
    this.closeScope(scope);
    return this.block(keyword, start, childrenFrom, name);
  }

  /** `([attr][type]$Name = default, ...)`: defaults are recorded as assignments. */
  private parseParamList(): void {
    const start = this.pos;
    if (!this.openGroup(1, 41)) return;
    this.parseParamDeclarations();
    this.closeGroup(start, 1, 41);
  }

  private parseParamDeclarations(): void {
    for (;;) {
      this.skipTrivia(true);
      const c = this.code();
      if (c === -1 || this.isCloser(c)) return;
      const declarationStart = this.pos;
      const assignmentAt = this.lists.assignments.length;
      while (this.code() === 91) {
        this.parseTypeLiteral();
        this.skipTrivia(true);
      }
      if (this.code() === 36 /* $ */) {
        const variable = this.parseVariable();
        this.skipTrivia(true);
        let value: PsValue | undefined;
        if (this.code() === 61 /* = */) {
          this.pos++;
          this.skipTrivia(true);
          value = this.parseExpression(true);
        }
        this.recordAssignment(assignmentAt, variable.name, this.span(declarationStart, this.pos), value, true);
        this.skipTrivia(true);
      }
      if (this.code() === 44) this.pos++;
      else if (this.pos === declarationStart && !this.isCloser(this.code())) {
        this.problem(this.pos, this.pos + 1, `Unexpected '${this.text[this.pos]}' in a parameter list.`);
        this.pos++;
      }
    }
  }

  /** `($item in <pipeline>)` of a foreach statement, its parts kept as children of the statement. */
  private parseForeachHead(): void {
    const start = this.pos;
    if (!this.openGroup(1, 41)) return;
    this.skipTrivia(true);
    if (this.code() === 36) {
      const variable = this.parseVariable();
      this.recordAssignment(this.lists.assignments.length, variable.name, variable.span, undefined, false);
      this.keep(variable);
    }
    this.skipTrivia(true);
    if (this.peekWord() === 'in') this.pos += 2;
    const statements = this.parseStatements(41);
    const subexpression: PsSubexpression = { kind: 'subexpression', span: this.span(statements[0]?.span.start ?? this.pos, this.pos), opener: '(', statements };
    this.keep(subexpression);
    this.closeGroup(start, 1, 41);
  }

  /** The options, subject and clauses of a switch statement, kept as children of the statement. */
  private parseSwitch(): void {
    this.skipTrivia(false);
    while (isDash(this.code())) {
      this.pos++;
      const option = this.peekWord();
      this.pos += option.length;
      this.skipTrivia(false);
      if (option === 'file' && !this.atStatementEnd()) this.keep(this.parseArgumentPrimary());
      this.skipTrivia(false);
    }
    if (this.code() === 40) this.keep(this.parseParen('('));
    this.skipTrivia(true);
    if (this.code() !== 123) return;
    const start = this.pos;
    if (!this.openGroup(1, 125)) return;
    for (;;) {
      this.skipSeparators();
      const c = this.code();
      if (c === -1 || this.isCloser(c)) break;
      const before = this.pos;
      this.keep(c === 123 ? this.parseScriptBlock() : this.parseArgumentPrimary());
      this.skipTrivia(true);
      if (this.code() === 123) this.keep(this.parseScriptBlock());
      if (this.pos === before) {
        this.problem(this.pos, this.pos + 1, `Unexpected '${this.text[this.pos]}' in a switch body.`);
        this.pos++;
      }
    }
    this.closeGroup(start, 1, 125);
  }

  // ---- pipelines and commands ----

  private parsePipeline(): PsStatement | undefined {
    const start = this.pos;
    const pipelineAt = this.lists.pipelines.length;
    const from = this.pendingTop;
    let first = true;
    let last: PsCommand | PsExpressionElement | undefined;
    for (;;) {
      this.skipTrivia(false);
      if (this.atStatementEnd()) break;
      const element = first ? this.parseFirstElement() : this.parseCommand(this.invocationAt());
      if (element.kind === 'assignment') {
        this.pendingTop = from;
        return element;
      }
      this.keep(element);
      last = element;
      this.skipTrivia(false);
      const c = this.code();
      const c1 = this.code(1);
      if ((c === 38 && c1 === 38) || (c === 124 && c1 === 124)) {
        this.pos += 2;
        this.skipTrivia(true);
        first = true;
        continue;
      }
      if (c === 124) {
        this.pos++;
        this.skipTrivia(true);
        first = false;
        continue;
      }
      if (c === 38) this.pos++;
      else if (this.leadingPipeFollows()) {
        // PowerShell 7 lets a pipeline continue with `|` at the start of the next line.
        this.skipTrivia(true);
        this.pos++;
        first = false;
        continue;
      }
      break;
    }
    if (last === undefined) return undefined;
    // A pipeline of one element that starts where it does shares its span (a span less to keep and move).
    const span = this.pendingTop === from + 1 && last.span.start === start ? last.span : this.span(start, last.span.end);
    const pipeline: PsPipeline = { kind: 'pipeline', span, elements: this.take(from) };
    insertAt(this.lists.pipelines, pipelineAt, pipeline);
    return pipeline;
  }

  private leadingPipeFollows(): boolean {
    if (!isNewline(this.code())) return false;
    const next = this.peekPastBlanks(0);
    if (next !== 124) return false;
    let i = this.pos;
    while (i < this.end && this.text.charCodeAt(i) !== 124) i++;
    this.readAhead(i + 1);
    return this.text.charCodeAt(i + 1) !== 124;
  }

  /** `& tool` calls, `. script` dot-sources; anything else is a command name. */
  private invocationAt(): PsCommand['invocation'] {
    const c = this.code();
    const c1 = this.code(1);
    if (c === 38) return 'call';
    if (c === 46 && (isBlank(c1) || isDoubleQuote(c1) || isSingleQuote(c1) || c1 === 36 || c1 === 40 || c1 === 123)) return 'dotSource';
    return 'bare';
  }

  private parseFirstElement(): PsCommand | PsExpressionElement | PsAssignmentStatement {
    const invocation = this.invocationAt();
    if (invocation !== 'bare') return this.parseCommand(invocation);
    return this.startsCommand() ? this.parseCommand('bare') : this.parseExpressionStatement();
  }

  /** Whether the statement at the cursor is a command (argument mode) rather than an expression. */
  private startsCommand(): boolean {
    const c = this.code();
    const c1 = this.code(1);
    if (c === 36 || c === 40 || c === 64 || c === 91 || c === 123 || c === 33 || c === 44 || c === 43) return false;
    if (isDoubleQuote(c) || isSingleQuote(c)) return false;
    if (isDash(c)) return false;
    if (isDigit(c) || (c === 46 && isDigit(c1))) {
      let i = this.pos;
      while (i < this.end && !endsGenericToken(this.text.charCodeAt(i)) && !this.isCloser(this.text.charCodeAt(i))) i++;
      this.readAhead(i);
      const token = this.text.slice(this.pos, i);
      return parseNumberLiteral(token) === undefined && !/^[0-9.+\-*/%]+$/.test(token);
    }
    return true;
  }

  private parseExpressionStatement(): PsExpressionElement | PsAssignmentStatement {
    const start = this.pos;
    const { assignments, assignmentStatements } = this.lists;
    const assignmentAt = assignments.length;
    const statementAt = assignmentStatements.length;
    const value = this.parseExpression(false);
    this.skipTrivia(false);
    const operator = this.assignmentOperator();
    if (operator === undefined) return { kind: 'expression', span: value.span, value };
    this.pos += operator.length;
    this.skipTrivia(true);
    const rhs = this.atStatementEnd() ? undefined : this.parseStatement();
    // One span for the statement and the assignment it records: moved once by a re-parse.
    const span = this.span(start, rhs?.span.end ?? this.pos);
    const target = isAssignable(value);
    if (target !== undefined) {
      const single = rhs?.kind === 'pipeline' && rhs.elements.length === 1 && rhs.elements[0].kind === 'expression' ? rhs.elements[0].value : undefined;
      this.recordAssignment(assignmentAt, target.name, span, operator === '=' ? single : undefined, false);
    }
    const statement: PsAssignmentStatement = { kind: 'assignment', span, target: value, operator, value: rhs };
    insertAt(assignmentStatements, statementAt, statement);
    return statement;
  }

  private assignmentOperator(): string | undefined {
    const c = this.code();
    const c1 = this.code(1);
    if (c === 61) return c1 === 61 ? undefined : '=';
    if (c1 === 61 && (c === 43 || isDash(c) || c === 42 || c === 47 || c === 37)) return this.text.slice(this.pos, this.pos + 2);
    if (c === 63 && c1 === 63 && this.code(2) === 61) return '??=';
    return undefined;
  }

  private parseCommand(invocation: PsCommand['invocation']): PsCommand {
    const start = this.pos;
    let nameNode: PsValue;
    if (invocation !== 'bare') {
      this.pos++;
      this.skipTrivia(false);
      nameNode = this.atStatementEnd() ? this.emptyNode() : this.parseArgumentPrimary();
    } else {
      nameNode = this.parseGenericToken();
    }
    const name = nameNode.kind === 'string' ? nameNode.value : undefined;
    const command: PsCommand = {
      kind: 'command',
      span: this.span(start, nameNode.span.end),
      name,
      nameSpan: nameNode.span,
      normalizedName: normalizeCommandName(name),
      invocation,
      elements: NO_ELEMENTS,
      stopParsing: false,
    };
    this.lists.commands.push(command);
    this.parseCommandElements(command);
    return command;
  }

  private emptyNode(): PsOtherExpression {
    return { kind: 'other', span: this.span(this.pos, this.pos), children: [] };
  }

  private atCommandEnd(): boolean {
    return this.endsCommand(this.code());
  }

  /** Whether `c` ends a command: the end of the input, a line break, `;`, `|`, `&` or a closer. */
  private endsCommand(c: number): boolean {
    return c === -1 || isNewline(c) || c === 59 || c === 124 || c === 38 || this.isCloser(c);
  }

  private parseCommandElements(command: PsCommand): void {
    const from = this.pendingTop;
    let last: PsCommandElement | undefined;
    for (;;) {
      this.skipTrivia(false);
      const start = this.pos;
      const c = this.code();
      if (this.endsCommand(c)) break;
      let element: PsCommandElement | undefined;
      // atRedirection only where a redirection can start: asked of every element of every command.
      if ((c === 62 || c === 60 || c === 42 || (c >= 48 && c <= 57)) && this.atRedirection()) this.parseRedirection();
      else if (c === 45 && this.code(1) === 45 && this.code(2) === 37 /* % */) {
        last = this.parseStopParsing(command) ?? last;
        break;
      } else if (isDash(c) && (isLetter(this.code(1)) || this.code(1) === 95 || this.code(1) === 63)) {
        element = this.parseParameter();
      } else if (c === 64 /* @ */ && isNameChar(this.code(1))) {
        this.pos++;
        while (isNameChar(this.code())) this.pos++;
        element = { kind: 'splat', name: normalizeVariableName(this.text.slice(start + 1, this.pos)), span: this.span(start, this.pos) };
      } else {
        const value = this.parseArgument();
        element = { kind: 'argument', value, span: value.span };
      }
      if (element !== undefined) {
        this.keep(element);
        last = element;
      }
      if (this.pos === start) this.pos++;
    }
    command.elements = this.take(from);
    // The command's span (its own object, made with it) grows to its last element once, at the end.
    if (last !== undefined) command.span.end = last.span.end;
  }

  private atRedirection(): boolean {
    const c = this.code();
    if (c === 62 /* > */ || c === 60 /* < */) return !(c === 60 && this.code(1) === 35);
    return (isDigit(c) || c === 42) && this.code(1) === 62;
  }

  private parseRedirection(): void {
    if (this.code() !== 62 && this.code() !== 60) this.pos++;
    while (this.code() === 62 || this.code() === 60) this.pos++;
    if (this.code() === 38 && isDigit(this.code(1))) {
      this.pos += 2;
      return;
    }
    this.skipTrivia(false);
    if (!this.atCommandEnd()) this.parseArgumentPrimary();
  }

  /** `--%`: the rest of the line goes to the program as written, split at blanks outside quotes. The last argument kept, if any. */
  private parseStopParsing(command: PsCommand): PsArgument | undefined {
    command.stopParsing = true;
    this.pos += 3;
    let last: PsArgument | undefined;
    for (;;) {
      this.skipBlanks();
      const c = this.code();
      if (c === -1 || isNewline(c) || c === 124) return last;
      const start = this.pos;
      let inQuote = false;
      let value = '';
      while (this.pos < this.end) {
        const d = this.code();
        if (isNewline(d) || (!inQuote && (isBlank(d) || d === 124))) break;
        if (d === 34) inQuote = !inQuote;
        else value += this.text[this.pos];
        this.pos++;
      }
      const end = this.pos;
      const quoted = end - start >= 2 && this.text.charCodeAt(start) === 34 && this.text.charCodeAt(end - 1) === 34;
      const contentSpan = quoted ? this.span(start + 1, end - 1) : this.span(start, end);
      const node: PsString = {
        kind: 'string',
        span: this.span(start, end),
        contentSpan,
        quote: quoted ? 'double' : 'none',
        parts: [{ kind: 'text', value, span: contentSpan }],
        value,
      };
      last = { kind: 'argument', value: node, span: node.span };
      this.keep(last);
    }
  }

  private parseParameter(): PsParameter {
    const start = this.pos;
    this.pos = parameterNameEnd(this.text, start + 1, this.end);
    const name = intern(this.text.slice(start + 1, this.pos));
    const nameSpan = this.span(start, this.pos);
    if (this.code() === 58) {
      this.pos++;
      this.skipTrivia(false);
      const value = this.atCommandEnd() ? undefined : this.parseArgument();
      return { kind: 'parameter', name, nameSpan, value, colon: true, span: this.span(start, value?.span.end ?? this.pos) };
    }
    if (SWITCHES.has(name.toLowerCase())) {
      return { kind: 'parameter', name, nameSpan, value: undefined, colon: false, span: nameSpan };
    }
    this.skipTrivia(false);
    const c = this.code();
    const takesValue =
      !this.atCommandEnd() &&
      !this.atRedirection() &&
      !(isDash(c) && (isLetter(this.code(1)) || this.code(1) === 95 || isDash(this.code(1))));
    const value = takesValue ? this.parseArgument() : undefined;
    return { kind: 'parameter', name, nameSpan, value, colon: false, span: this.span(start, value?.span.end ?? nameSpan.end) };
  }

  // ---- arguments (argument mode) ----

  /** One argument: a value, or an unquoted comma list of values (`135,59532,59533`). */
  private parseArgument(): PsValue {
    const first = this.parseArgumentPrimary();
    // Most arguments are one value: a list only where a comma follows.
    const next = blanksEnd(this.text, this.pos, this.end);
    if (next >= this.end || this.text.charCodeAt(next) !== 44) return first;
    const from = this.pendingTop;
    this.keep(first);
    let last = first;
    for (;;) {
      const save = this.pos;
      this.skipBlanks();
      if (this.code() !== 44) {
        this.pos = save;
        break;
      }
      this.pos++;
      this.skipTrivia(true);
      if (this.atCommandEnd()) break;
      last = this.parseArgumentPrimary();
      this.keep(last);
    }
    if (this.pendingTop === from + 1) {
      this.pendingTop = from;
      return first;
    }
    const array: PsArray = { kind: 'array', span: this.span(first.span.start, last.span.end), items: this.take(from) };
    return array;
  }

  private parseArgumentPrimary(): PsValue {
    const c = this.code();
    const c1 = this.code(1);
    if (c === 64 /* @ */) {
      if (c1 === 40) return this.parseParen('@(');
      if (c1 === 123) return this.parseHashtable();
      if (isDoubleQuote(c1) || isSingleQuote(c1)) return this.parseHereString();
    }
    if (c === 40) return this.parseParen('(');
    if (c === 123) return this.parseScriptBlock();
    return this.parseGenericToken();
  }

  /**
   * A bareword argument, possibly glued to quoted strings and variables
   * (`name="MSExchangeRPC (TCP-In)"`, `localport=$port`, `$env:ProgramFiles\x`).
   * `#` inside it is not a comment: `a#b` is one word.
   */
  private parseGenericToken(): PsValue {
    const start = this.pos;
    // Most arguments are plain words (`-Name`, `DWord`, `135`): read those in one tight loop.
    this.pos = plainWordEnd(this.text, start, this.end);
    const stop = this.code();
    if (this.pos > start && (endsGenericToken(stop) || (stop === 93 && this.closers.includes(93)))) {
      const raw = intern(this.text.slice(start, this.pos));
      const whole = this.span(start, this.pos);
      // A number starts with a digit, `.`, `+` or a dash: the other words need no parseNumberLiteral call.
      const lead = raw.charCodeAt(0);
      const number = (lead < 58 ? lead >= 48 || lead === 46 || lead === 45 || lead === 43 : lead >= 0x2013 && lead <= 0x2015) ? parseNumberLiteral(raw) : undefined;
      if (number !== undefined) return { kind: 'number', span: whole, value: number, text: raw };
      return { kind: 'string', span: whole, contentSpan: whole, quote: 'none', parts: [{ kind: 'text', value: raw, span: whole }], value: raw };
    }
    const plain = this.pos > start;
    this.pos = start;
    // The parts are kept (pending) from `from` on; `pieces` counts the values read inside the word.
    const from = this.pendingTop;
    let pieces = 0;
    let firstPiece: PsValue | undefined;
    if (!plain && this.startsPiece(stop)) {
      // Next most are a quoted string or a variable alone (`'TCP/IP Port'`, `$port`): that value is the argument.
      firstPiece = this.parsePiece(stop, true);
      const next = this.code();
      if (endsGenericToken(next) || (next === 93 && this.closers.includes(93))) return firstPiece;
      pieces = 1;
      this.keepPiece(firstPiece);
    }
    // Plain characters are taken as slices of the text (`run`), not one by one.
    let text = '';
    let textStart = this.pos;
    let run = this.pos;
    while (this.pos < this.end) {
      const c = this.code();
      if (endsGenericToken(c) || (c === 93 && this.closers.includes(93))) {
        // A stray terminator where an argument was expected: take it as text to move on.
        if (this.pos === start) this.pos++;
        break;
      }
      if (this.startsPiece(c)) {
        this.keepText(text, textStart, run);
        text = '';
        const piece = this.parsePiece(c, pieces === 0 && this.pendingTop === from);
        if (pieces++ === 0) firstPiece = piece;
        this.keepPiece(piece);
        textStart = this.pos;
        run = this.pos;
        continue;
      }
      if (c === BACKTICK) {
        if (isNewline(this.code(1))) break;
        text += this.text.slice(run, this.pos) + (this.pos + 1 < this.end ? backtickEscape(this.text[this.pos + 1]) : '`');
        this.pos = Math.min(this.pos + 2, this.end);
        run = this.pos;
        continue;
      }
      this.pos++;
    }
    this.keepText(text, textStart, run);
    const partCount = this.pendingTop - from;
    if (pieces === 1 && firstPiece !== undefined && partCount === (firstPiece.kind === 'string' ? firstPiece.parts.length : 1)) {
      this.pendingTop = from;
      return firstPiece;
    }
    const whole = this.span(start, this.pos);
    if (pieces === 0 && partCount === 1) {
      const raw = this.text.slice(start, this.pos);
      const number = parseNumberLiteral(raw);
      if (number !== undefined) {
        this.pendingTop = from;
        return { kind: 'number', span: whole, value: number, text: raw };
      }
    }
    const parts = this.take<PsStringPart>(from);
    return { kind: 'string', span: whole, contentSpan: whole, quote: 'none', parts, value: textOf(parts) };
  }

  /** Whether `c` at the cursor starts a value inside a bareword: a quote, `$(` or a variable. */
  private startsPiece(c: number): boolean {
    return isDoubleQuote(c) || isSingleQuote(c) || (c === 36 && (this.code(1) === 40 || this.startsVariable(1)));
  }

  /** The value `startsPiece` saw at the cursor; a variable that `leads` the word takes members. */
  private parsePiece(c: number, leads: boolean): PsValue {
    if (isDoubleQuote(c)) return this.parseDoubleQuoted();
    if (isSingleQuote(c)) return this.parseSingleQuoted();
    return this.code(1) === 40 ? this.parseParen('$(') : this.parseArgumentVariable(leads);
  }

  /** Keeps a value read inside a bareword as its parts. */
  private keepPiece(piece: PsValue): void {
    if (piece.kind === 'string') for (const part of piece.parts) this.keep(part);
    else if (piece.kind === 'variable') this.keep({ kind: 'variable', variable: piece });
    else this.keep({ kind: 'expression', value: piece });
  }

  /** The text gathered since `textStart` (`pending`, then the source from `run` to the cursor), kept as a part. */
  private keepText(pending: string, textStart: number, run: number): void {
    const value = intern(pending + this.text.slice(run, this.pos));
    if (value !== '') this.keep({ kind: 'text', value, span: this.span(textStart, this.pos) });
  }

  /** `$x` in argument mode: member access (`$x.Name`) only when the variable starts the argument. */
  private parseArgumentVariable(leading: boolean): PsValue {
    const variable = this.parseVariable();
    return leading ? this.parsePostfix(variable) : variable;
  }

  private startsVariable(offset: number): boolean {
    const c = this.code(offset);
    return isNameChar(c) || c === 123 || c === 36 || c === 63 || c === 94;
  }

  private parseVariable(): PsVariable {
    const start = this.pos;
    this.pos++;
    const c = this.code();
    let name: string;
    if (c === 123) {
      this.pos++;
      let braced = '';
      while (this.pos < this.end && this.code() !== 125) {
        if (this.code() === BACKTICK && this.pos + 1 < this.end) this.pos++;
        braced += this.text[this.pos];
        this.pos++;
      }
      if (this.code() === 125) this.pos++;
      else this.problem(start, start + 2, "This '${' variable is missing its closing '}'.");
      name = braced;
    } else if (c === 36 || c === 63 || c === 94) {
      this.pos++;
      name = String.fromCharCode(c);
    } else {
      const { text, end } = this;
      let i = nameEnd(text, this.pos, end);
      // `$env:Path`, `$script:port`: a colon inside the name, followed by more of it.
      while (i > start + 1 && i + 1 < end && text.charCodeAt(i) === 58 && isNameChar(text.charCodeAt(i + 1))) i = nameEnd(text, i + 1, end);
      this.pos = i;
      name = text.slice(start + 1, i);
    }
    return { kind: 'variable', span: this.span(start, this.pos), name: normalizeVariableName(name), members: [] };
  }

  // ---- strings ----

  /** Records an assignment at `index` of the list (see insertAt). */
  private recordAssignment(index: number, name: string, at: Span, value: PsValue | undefined, parameter: boolean): void {
    let scope: Span | undefined;
    if (parameter) scope = this.blocks[this.blocks.length - 1]?.span;
    else for (let i = this.blocks.length - 1; i >= 0 && scope === undefined; i--) if (this.blocks[i].isFunction) scope = this.blocks[i].span;
    insertAt(this.lists.assignments, index, { name, span: at, value, scope });
  }

  /** Opens an assignment scope at the cursor; `closeScope` ends it where the cursor is then. */
  private openScope(isFunction: boolean): { span: Span; isFunction: boolean } {
    // The end is set when the scope closes; nothing reads it before.
    const scope = { span: this.span(this.pos, this.pos), isFunction };
    this.blocks.push(scope);
    return scope;
  }

  private closeScope(scope: { span: Span }): void {
    this.blocks.pop();
    scope.span.end = this.pos;
  }

  private parseSingleQuoted(): PsString {
    const start = this.pos;
    this.pos++;
    let value = '';
    let run = this.pos;
    let closed = false;
    while (this.pos < this.end) {
      this.pos = this.plainUntil(this.pos, false);
      const c = this.code();
      if (c === -1) break;
      if (isSingleQuote(c)) {
        if (isSingleQuote(this.code(1))) {
          value += this.text.slice(run, this.pos) + "'";
          this.pos += 2;
          run = this.pos;
          continue;
        }
        closed = true;
        break;
      }
      this.pos++;
    }
    value = intern(value + this.text.slice(run, this.pos));
    if (!closed) {
      // Read to the end of the input: a closing quote anywhere below would change it.
      this.readAhead(this.end);
      this.problem(start, start + 1, 'This string is missing its closing quote.');
      const lineEnd = Math.min(this.lineEndFrom(start), this.end);
      value = this.text.slice(start + 1, lineEnd).replace(/''/g, "'");
      this.pos = lineEnd;
      const contentSpan = this.span(start + 1, lineEnd);
      return { kind: 'string', span: this.span(start, lineEnd), contentSpan, quote: 'single', parts: [{ kind: 'text', value, span: contentSpan }], value };
    }
    const contentSpan = this.span(start + 1, this.pos);
    this.pos++;
    return { kind: 'string', span: this.span(start, this.pos), contentSpan, quote: 'single', parts: [{ kind: 'text', value, span: contentSpan }], value };
  }

  /**
   * Text, `$var`, `${var}` and `$( )` parts up to the closing quote (or to `this.end` in a
   * here-string), kept; whether the string closed.
   */
  private keepExpandableParts(hereString: boolean): boolean {
    let text = '';
    let textStart = this.pos;
    let run = this.pos;
    while (this.pos < this.end) {
      this.pos = this.plainUntil(this.pos, true);
      const c = this.code();
      if (c === -1) break;
      if (!hereString && isDoubleQuote(c)) {
        if (isDoubleQuote(this.code(1))) {
          text += this.text.slice(run, this.pos) + '"';
          this.pos += 2;
          run = this.pos;
          continue;
        }
        this.keepText(text, textStart, run);
        return true;
      }
      if (c === BACKTICK && this.pos + 1 < this.end) {
        text += this.text.slice(run, this.pos) + backtickEscape(this.text[this.pos + 1]);
        this.pos += 2;
        run = this.pos;
        continue;
      }
      if (c === 36 && (this.code(1) === 40 || this.startsVariable(1))) {
        this.keepText(text, textStart, run);
        text = '';
        if (this.code(1) === 40) this.keep({ kind: 'expression', value: this.parseParen('$(') });
        else this.keep({ kind: 'variable', variable: this.parseVariable() });
        textStart = this.pos;
        run = this.pos;
        continue;
      }
      this.pos++;
    }
    this.keepText(text, textStart, run);
    return hereString;
  }

  /**
   * The first offset from `from` (or the end) whose character may end or interrupt a string: a
   * quote, and in an expandable string a backtick or `$`. Text runs are skipped in one local loop.
   */
  private plainUntil(from: number, expandable: boolean): number {
    const { text, end } = this;
    let i = from;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === 34 || c === 39 || c === 36 || c === BACKTICK || (c >= 0x2018 && c <= 0x201e)) {
        if (expandable || c === 39 || c >= 0x2018) break;
      }
      i++;
    }
    return i;
  }

  private expandableString(start: number, contentSpan: Span, end: number, quote: PsQuote, parts: PsStringPart[]): PsString {
    return { kind: 'string', span: this.span(start, end), contentSpan, quote, parts, value: textOf(parts) };
  }

  private parseDoubleQuoted(): PsString {
    const start = this.pos;
    const at = this.mark();
    this.pos++;
    if (this.keepExpandableParts(false)) {
      const parts = this.take<PsStringPart>(this.marks[at + 8]);
      this.markTop = at;
      const contentSpan = this.span(start + 1, this.pos);
      this.pos++;
      return this.expandableString(start, contentSpan, this.pos, 'double', parts);
    }
    // Unclosed: PowerShell would read to the end of the file; ending it at its line lets
    // the following statements still be checked. A closing quote anywhere below would change it.
    this.readAhead(this.end);
    this.restore(at);
    this.problem(start, start + 1, 'This string is missing its closing quote.');
    const savedEnd = this.end;
    this.end = Math.min(this.lineEndFrom(start), savedEnd);
    this.pos = start + 1;
    const from = this.pendingTop;
    this.keepExpandableParts(false);
    const parts = this.take<PsStringPart>(from);
    this.pos = this.end;
    this.end = savedEnd;
    return this.expandableString(start, this.span(start + 1, this.pos), this.pos, 'double', parts);
  }

  private parseHereString(): PsValue {
    const start = this.pos;
    const double = isDoubleQuote(this.code(1));
    this.pos += 2;
    this.skipBlanks();
    if (!isNewline(this.code())) {
      this.problem(start, start + 2, 'A here-string header (@" or @\') must be the last thing on its line.');
      this.pos = start + 1;
      return double ? this.parseDoubleQuoted() : this.parseSingleQuoted();
    }
    this.skipNewline();
    const contentStart = this.pos;
    let lineStart = contentStart;
    let closeAt = -1;
    while (lineStart < this.end) {
      const c = this.text.charCodeAt(lineStart);
      if ((double ? isDoubleQuote(c) : isSingleQuote(c)) && this.text.charCodeAt(lineStart + 1) === 64) {
        closeAt = lineStart;
        break;
      }
      lineStart = this.lineEndFrom(lineStart);
      if (lineStart < this.end && this.text.charCodeAt(lineStart) === 13 && this.text.charCodeAt(lineStart + 1) === 10) lineStart += 2;
      else lineStart++;
    }
    const quote: PsQuote = double ? 'hereDouble' : 'hereSingle';
    if (closeAt < 0) {
      this.readAhead(this.end);
      this.problem(start, start + 2, `This here-string is missing its closing '${double ? '"@' : "'@"}' at the start of a line.`);
      const contentSpan = this.span(contentStart, contentStart);
      return { kind: 'string', span: this.span(start, contentStart), contentSpan, quote, parts: [], value: '' };
    }
    let contentEnd = closeAt;
    if (contentEnd > contentStart && this.text.charCodeAt(contentEnd - 1) === 10) contentEnd--;
    if (contentEnd > contentStart && this.text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
    const contentSpan = this.span(contentStart, contentEnd);
    let parts: PsStringPart[];
    if (double) {
      const savedEnd = this.end;
      this.end = contentEnd;
      this.pos = contentStart;
      const from = this.pendingTop;
      this.keepExpandableParts(true);
      parts = this.take(from);
      this.end = savedEnd;
    } else {
      const value = this.text.slice(contentStart, contentEnd);
      parts = value === '' ? [] : [{ kind: 'text', value, span: contentSpan }];
    }
    this.pos = closeAt + 2;
    return this.expandableString(start, contentSpan, this.pos, quote, parts);
  }

  // ---- expressions (expression mode) ----

  /** `( )`, `$( )`, `@( )`: statements up to the closing parenthesis. */
  private parseParen(opener: '(' | '$(' | '@('): PsSubexpression {
    const start = this.pos;
    let statements: PsStatement[] = [];
    if (this.openGroup(opener.length, 41)) {
      statements = this.parseStatements(41);
      this.closeGroup(start, opener.length, 41);
    }
    return { kind: 'subexpression', span: this.span(start, this.pos), opener, statements };
  }

  private parseScriptBlock(): PsScriptBlock {
    const start = this.pos;
    const blockAt = this.lists.scriptBlocks.length;
    const scope = this.openScope(false);
    let statements: PsStatement[] = [];
    if (this.openGroup(1, 125)) {
      statements = this.parseStatements(125);
      this.closeGroup(start, 1, 125);
    }
    this.closeScope(scope);
    // The block's assignment scope spans exactly the block: one span for both.
    const block: PsScriptBlock = { kind: 'scriptblock', span: scope.span, statements };
    insertAt(this.lists.scriptBlocks, blockAt, block);
    return block;
  }

  private parseHashtable(): PsHashtable {
    const start = this.pos;
    let entries: PsHashEntry[] = [];
    if (this.openGroup(2, 125)) {
      entries = this.parseHashEntries();
      this.closeGroup(start, 2, 125);
    }
    const table: PsHashtable = { kind: 'hashtable', span: this.span(start, this.pos), entries };
    this.lists.hashtables.push(table);
    return table;
  }

  private parseHashEntries(): PsHashEntry[] {
    const from = this.pendingTop;
    for (;;) {
      this.skipSeparators();
      const c = this.code();
      if (c === -1 || this.isCloser(c)) return this.take(from);
      const entryStart = this.pos;
      let key: string;
      let keySpan: Span;
      if (isDoubleQuote(c) || isSingleQuote(c) || c === 36 || c === 40) {
        const node = this.parsePrimary();
        key = node.kind === 'string' ? (node.value ?? '') : '';
        keySpan = node.kind === 'string' ? node.contentSpan : node.span;
      } else {
        while (this.pos < this.end) {
          const d = this.code();
          if (isBlank(d) || isNewline(d) || d === 61 || d === 59 || d === 125) break;
          this.pos++;
        }
        key = intern(this.text.slice(entryStart, this.pos));
        keySpan = this.span(entryStart, this.pos);
      }
      this.skipTrivia(false);
      let statement: PsStatement | undefined;
      if (this.code() === 61) {
        this.pos++;
        this.skipTrivia(true);
        statement = this.atStatementEnd() ? undefined : this.parseStatement();
      }
      const value = statement?.kind === 'pipeline' && statement.elements.length === 1 && statement.elements[0].kind === 'expression' ? statement.elements[0].value : undefined;
      const entry: PsHashEntry = { key, keySpan, value, statement, span: this.span(entryStart, statement?.span.end ?? this.pos) };
      this.keep(entry);
      if (this.pos === entryStart) {
        this.problem(this.pos, this.pos + 1, `Unexpected '${this.text[this.pos]}' in a hashtable.`);
        this.pos++;
      }
    }
  }

  /** `[Type]`, `[Type[]]`, `[Attribute(Name = value, 'x')]`. */
  private parseTypeLiteral(): PsOtherExpression {
    const start = this.pos;
    const from = this.pendingTop;
    if (this.openGroup(1, 93)) {
      const { text, end } = this;
      while (this.pos < end) {
        // The type's name in one local loop, up to a bracket, a parenthesis or a line break.
        let i = this.pos;
        let c = text.charCodeAt(i);
        while (c !== 93 && c !== 91 && c !== 40 && c !== 10 && c !== 13 && ++i < end) c = text.charCodeAt(i);
        this.pos = i;
        if (i >= end || c === 93 || c === 10 || c === 13) break;
        if (c === 91) this.keep(this.parseTypeLiteral());
        else {
          const argumentsStart = this.pos;
          if (this.openGroup(1, 41)) {
            this.parseAttributeArguments();
            this.closeGroup(argumentsStart, 1, 41);
          }
        }
      }
      this.closeGroup(start, 1, 93);
    }
    return { kind: 'other', span: this.span(start, this.pos), children: this.take(from) };
  }

  /** The arguments of an attribute, kept as children of its type literal. */
  private parseAttributeArguments(): undefined {
    for (;;) {
      this.skipTrivia(true);
      const c = this.code();
      if (c === -1 || this.isCloser(c)) return undefined;
      const before = this.pos;
      let i = this.pos;
      while (i < this.end && isNameChar(this.text.charCodeAt(i))) i++;
      let j = i;
      while (j < this.end && isBlank(this.text.charCodeAt(j))) j++;
      if (i > this.pos && this.text.charCodeAt(j) === 61) this.pos = j + 1;
      this.skipTrivia(true);
      if (!this.isCloser(this.code()) && this.code() !== 44) this.keep(this.parseExpression(true));
      this.skipTrivia(true);
      if (this.code() === 44) this.pos++;
      else if (this.pos === before) {
        this.problem(this.pos, this.pos + 1, `Unexpected '${this.text[this.pos]}' in attribute arguments.`);
        this.pos++;
      }
    }
  }

  /** An expression; a top-level comma makes an array unless `stopAtComma` (parameter defaults, attribute arguments). */
  private parseExpression(stopAtComma: boolean): PsValue {
    const start = this.pos;
    const first = this.parseBinary();
    const from = this.pendingTop;
    this.keep(first);
    let last = first;
    for (;;) {
      this.skipBlanks();
      if (stopAtComma || this.code() !== 44) break;
      this.pos++;
      this.skipTrivia(true);
      last = this.parseBinary();
      this.keep(last);
    }
    if (this.pendingTop === from + 1) {
      this.pendingTop = from;
      return first;
    }
    return { kind: 'array', span: this.span(start, last.span.end), items: this.take(from) };
  }

  private binaryOperatorLength(): number {
    const c = this.code();
    // Most operands end at a line end, `)`, `;` or `,`: no operator starts with those.
    if (c !== 43 && c !== 42 && c !== 47 && c !== 37 && c !== 63 && c !== 58 && c !== 62 && c !== 60 && c !== 46 && !isDash(c)) return 0;
    const c1 = this.code(1);
    if (this.assignmentOperator() !== undefined) return 0;
    if (isDash(c) && isLetter(c1)) {
      let i = 1;
      while (isLetter(this.code(i))) i++;
      return i;
    }
    if (c === 46 && c1 === 46) return 2;
    if (c === 63 && c1 === 63) return 2;
    if (c === 43 || isDash(c) || c === 42 || c === 47 || c === 37 || c === 63 || c === 58 || c === 62 || c === 60) {
      if (c === 60 && c1 === 35) return 0;
      return 1;
    }
    return 0;
  }

  private parseBinary(): PsValue {
    const start = this.pos;
    const first = this.parseUnary();
    const from = this.pendingTop;
    this.keep(first);
    let last = first;
    for (;;) {
      this.skipTrivia(false);
      const length = this.binaryOperatorLength();
      if (length === 0) break;
      this.pos += length;
      this.skipTrivia(true);
      if (this.atStatementEnd()) break;
      last = this.parseUnary();
      this.keep(last);
    }
    if (this.pendingTop === from + 1) {
      this.pendingTop = from;
      return first;
    }
    return { kind: 'other', span: this.span(start, last.span.end), children: this.take(from) };
  }

  private startsOperand(): boolean {
    const c = this.code();
    return c === 36 || c === 40 || c === 64 || c === 91 || isDoubleQuote(c) || isSingleQuote(c) || isDigit(c) || (isDash(c) && isDigit(this.code(1)));
  }

  private parseUnary(): PsValue {
    if (this.tooDeep()) return this.emptyNode();
    this.depth++;
    try {
      return this.parseUnaryInner();
    } finally {
      this.depth--;
    }
  }

  private parseUnaryInner(): PsValue {
    const start = this.pos;
    const c = this.code();
    const c1 = this.code(1);
    const prefix =
      c === 33 || c === 44 || (isDash(c) && isLetter(c1)) || (c === 43 && c1 === 43) || (isDash(c) && isDash(c1)) || ((c === 43 || isDash(c)) && !isDigit(c1) && c1 !== 46);
    if (prefix && c !== -1) {
      if (isDash(c) && isLetter(c1)) {
        this.pos++;
        while (isLetter(this.code())) this.pos++;
      } else if ((c === 43 || isDash(c)) && (c1 === 43 || isDash(c1))) this.pos += 2;
      else this.pos++;
      this.skipTrivia(false);
      const operand = this.atStatementEnd() ? this.emptyNode() : this.parseUnary();
      return { kind: 'other', span: this.span(start, operand.span.end), children: [operand] };
    }
    if (c === 91) {
      const type = this.parseTypeLiteral();
      if (this.code() === 58 && this.code(1) === 58) {
        this.pos += 2;
        const memberStart = this.pos;
        while (isNameChar(this.code())) this.pos++;
        const typeName = this.text.slice(type.span.start + 1, type.span.end - 1).trim();
        return this.parsePostfix({ kind: 'staticMember', span: this.span(start, this.pos), typeName, member: this.text.slice(memberStart, this.pos) });
      }
      const save = this.pos;
      this.skipBlanks();
      if (!this.startsOperand()) {
        this.pos = save;
        return type;
      }
      const operand = this.parseUnary();
      const cast: PsOtherExpression = { kind: 'other', span: this.span(start, operand.span.end), children: [type, operand] };
      if (this.text.charCodeAt(type.span.end - 1) === 93) cast.cast = this.text.slice(type.span.start + 1, type.span.end - 1).trim();
      return cast;
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePrimary(): PsValue {
    const c = this.code();
    const c1 = this.code(1);
    if (c === 36) {
      if (c1 === 40) return this.parseParen('$(');
      if (this.startsVariable(1)) return this.parseVariable();
    }
    if (c === 64) {
      if (c1 === 40) return this.parseParen('@(');
      if (c1 === 123) return this.parseHashtable();
      if (isDoubleQuote(c1) || isSingleQuote(c1)) return this.parseHereString();
    }
    if (c === 40) return this.parseParen('(');
    if (c === 123) return this.parseScriptBlock();
    if (isDoubleQuote(c)) return this.parseDoubleQuoted();
    if (isSingleQuote(c)) return this.parseSingleQuoted();
    if (isDigit(c) || ((c === 46 || isDash(c) || c === 43) && (isDigit(c1) || c1 === 46))) return this.parseNumberToken();
    if (isNameChar(c)) {
      const start = this.pos;
      while (isNameChar(this.code()) || isDash(this.code()) || (this.code() === 46 && isNameChar(this.code(1)))) this.pos++;
      const value = intern(this.text.slice(start, this.pos));
      const whole = this.span(start, this.pos);
      return { kind: 'string', span: whole, contentSpan: whole, quote: 'none', parts: [{ kind: 'text', value, span: whole }], value };
    }
    if (c === -1 || isNewline(c) || c === 59 || c === 124 || c === 44 || this.isCloser(c) || c === 61) return this.emptyNode();
    const start = this.pos;
    this.pos++;
    return { kind: 'other', span: this.span(start, this.pos), children: [] };
  }

  private parseNumberToken(): PsValue {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.end) {
      const c = this.code();
      if (c === 46 && !isDigit(this.code(1))) break;
      if (!(isNameChar(c) || c === 46 || ((c === 43 || isDash(c)) && (this.text[this.pos - 1] === 'e' || this.text[this.pos - 1] === 'E')))) break;
      this.pos++;
    }
    const text = this.text.slice(start, this.pos);
    const whole = this.span(start, this.pos);
    const value = parseNumberLiteral(text);
    if (value !== undefined) return { kind: 'number', span: whole, value, text };
    return { kind: 'string', span: whole, contentSpan: whole, quote: 'none', parts: [{ kind: 'text', value: text, span: whole }], value: text };
  }

  /** Member access, method calls, indexing and `++`/`--` written directly after a value. */
  private parsePostfix(node: PsValue): PsValue {
    let current = node;
    let wraps = 0;
    for (;;) {
      const c = this.code();
      // Most values are followed by none of `.` `:` `(` `[` `+` `-`: no postfix, nothing more to read.
      if (c !== 46 && c !== 58 && c !== 40 && c !== 91 && c !== 43 && !isDash(c)) return current;
      const c1 = this.code(1);
      if ((c === 46 && c1 !== 46 && (isNameChar(c1) || c1 === 36 || isDoubleQuote(c1) || isSingleQuote(c1))) || (c === 58 && c1 === 58)) {
        this.pos += c === 46 ? 1 : 2;
        const memberStart = this.pos;
        let member: PsValue | undefined;
        if (isNameChar(this.code())) this.pos = nameEnd(this.text, this.pos, this.end);
        else if (this.code() === 36 || isDoubleQuote(this.code()) || isSingleQuote(this.code())) member = this.parsePrimary();
        const memberName = this.text.slice(memberStart, this.pos);
        if (this.code() === 40) {
          const args = this.parseParen('(');
          current = this.postfixNode(current, this.span(node.span.start, this.pos), [args], ++wraps);
        } else if (current.kind === 'variable' && member === undefined && c === 46) {
          // Extended in place (the variable was just read, its span made with it): copying the list
          // per member made `$x.a.a.a…` quadratic, a span per member kept one object per dot.
          current.span.end = this.pos;
          current.members.push(memberName.toLowerCase());
        } else {
          current = this.postfixNode(current, this.span(node.span.start, this.pos), member === undefined ? [] : [member], ++wraps);
        }
        continue;
      }
      if (c === 40 && current.kind === 'staticMember' && this.pos === current.span.end) {
        // `[Type]::Method(…)`: the arguments belong to the call, not to a statement of their own.
        const args = this.parseParen('(');
        current = this.postfixNode(current, this.span(node.span.start, this.pos), [args], ++wraps);
        continue;
      }
      if (c === 91 && this.pos === current.span.end) {
        const indexStart = this.pos;
        let inside: PsStatement[] = [];
        if (this.openGroup(1, 93)) {
          inside = this.parseStatements(93);
          this.closeGroup(indexStart, 1, 93);
        }
        const statements: PsSubexpression = { kind: 'subexpression', span: this.span(current.span.end, this.pos), opener: '(', statements: inside };
        current = this.postfixNode(current, this.span(node.span.start, this.pos), [statements], ++wraps);
        continue;
      }
      if ((c === 43 && c1 === 43) || (isDash(c) && isDash(c1))) {
        if (this.pos !== current.span.end) break;
        this.pos += 2;
        current = this.postfixNode(current, this.span(node.span.start, this.pos), [], ++wraps);
        continue;
      }
      return current;
    }
    return current;
  }

  /**
   * `current` with one more postfix operation. Past MAX_DEPTH of them (`$a.b.c…`, `$x[0][0]…`,
   * `$i++++…`) the node grows flat instead: a chain of 100,000 would overflow every recursive walker.
   */
  private postfixNode(current: PsValue, whole: Span, extra: PsValue[], wraps: number): PsValue {
    if (wraps <= MAX_DEPTH || current.kind !== 'other') return { kind: 'other', span: whole, children: [current, ...extra] };
    current.span = whole;
    for (const child of extra) current.children.push(child);
    return current;
  }
}

/** The top-level steps a script was parsed in, for a re-parse. */
const stepsOf = scriptSlot<Step[] | undefined>('steps');
/** The lists whose leading items a re-parse keeps unmoved, for readers that derive something per item. */
export type KeptList = 'commands' | 'assignments' | 'hashtables' | 'scriptBlocks';

const keptCounts = scriptSlot<{ above: Readonly<Record<KeptList, number>>; below: Readonly<Record<KeptList, number>> }>('kept');

/**
 * How many leading items of a list of `script` its re-parse kept from the previous script,
 * unmoved: they and everything they read (text, assignments) lie above the edit. 0 after a whole
 * parse.
 */
export function keptAboveEdit(script: PsScript, list: KeptList): number {
  return keptCounts.get(script)?.above[list] ?? 0;
}

/**
 * How many trailing items of a list of `script` its re-parse kept from the previous script, moved
 * by the edit: the same nodes, their spans moved. What they read above them may have changed.
 */
export function keptBelowEdit(script: PsScript, list: KeptList): number {
  return keptCounts.get(script)?.below[list] ?? 0;
}

function scriptOf(text: string, steps: Step[], lists: Collected): PsScript {
  const statements: PsStatement[] = [];
  for (const step of steps) if (step.statement !== undefined) statements.push(step.statement);
  const script: PsScript = {
    text,
    statements,
    commands: lists.commands,
    assignments: lists.assignments,
    hashtables: lists.hashtables,
    comments: lists.comments,
    problems: lists.problems,
    pipelines: lists.pipelines,
    assignmentStatements: lists.assignmentStatements,
    scriptBlocks: lists.scriptBlocks,
  };
  stepsOf.set(script, steps);
  return script;
}

export function parsePowerShell(text: string): PsScript {
  const parser = new Parser(text);
  parser.parseSteps();
  return scriptOf(text, parser.steps, parser.lists);
}

/** The index of the step starting at `offset`, or -1. */
function stepStartingAt(steps: readonly Step[], offset: number): number {
  let low = 0;
  let high = steps.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const start = steps[middle].start;
    if (start === offset) return middle;
    if (start < offset) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * `text` (the previous script's text after `change`) parsed from `previous`: the top-level steps
 * that read the changed text are parsed again, until a step starts where an old one started (moved
 * by the edit); the steps above are kept and those below are moved. The same result as
 * parsePowerShell(text). `previous` is consumed: the spans of the steps below the edit are moved in
 * place. Undefined when `previous` did not come from this parser.
 */
export function reparsePowerShell(previous: PsScript, text: string, change: TextChange): PsScript | undefined {
  const steps = stepsOf.get(previous);
  if (steps === undefined) return undefined;
  stepsOf.set(previous, undefined);
  let first = 0;
  while (first < steps.length && steps[first].reach < change.start) first++;
  if (first === steps.length) return undefined;
  const delta = change.newEnd - change.oldEnd;
  let next = steps.length;
  const parser = new Parser(text, steps[first].start);
  parser.parseSteps((offset) => {
    if (offset < change.newEnd) return false;
    const index = stepStartingAt(steps, offset - delta);
    if (index < 0) return false;
    next = index;
    return true;
  });
  const lists = emptyCollected();
  let problemsBelow = 0;
  const kept: Record<KeptList, number> = { commands: 0, assignments: 0, hashtables: 0, scriptBlocks: 0 };
  const keptBelow: Record<KeptList, number> = { commands: 0, assignments: 0, hashtables: 0, scriptBlocks: 0 };
  LISTS.forEach((key, index) => {
    let above = 0;
    for (let i = 0; i < first; i++) above += steps[i].sizes[index];
    let below = 0;
    for (let i = next; i < steps.length; i++) below += steps[i].sizes[index];
    const list: unknown[] = previous[key];
    (lists[key] as unknown[]) = list.slice(0, above).concat(parser.lists[key], list.slice(list.length - below));
    if (key === 'problems') problemsBelow = below;
    if (key === 'commands' || key === 'assignments' || key === 'hashtables' || key === 'scriptBlocks') {
      kept[key] = above;
      keptBelow[key] = below;
    }
  });
  const below = steps.slice(next);
  if (delta !== 0) {
    // Indexed loops: this runs once per edit, often before it is optimised, where `for…of`
    // allocates an iterator result per span.
    for (let i = 0; i < below.length; i++) {
      const step = below[i];
      step.start += delta;
      step.reach += delta;
      const moved = step.spans;
      for (let j = 0; j < moved.length; j++) {
        moved[j].start += delta;
        moved[j].end += delta;
      }
    }
    const problems = previous.problems;
    for (let i = problems.length - problemsBelow; i < problems.length; i++) {
      problems[i].start += delta;
      problems[i].end += delta;
    }
  }
  const script = scriptOf(text, steps.slice(0, first).concat(parser.steps, below), lists);
  keptCounts.set(script, { above: kept, below: keptBelow });
  return script;
}
