// What the robustness properties share: how many runs (bounded for CI, `FUZZ_RUNS=<n>` for a long
// local run), the corpus of example and fixture files, inputs shaped to break parsers, and checks
// that an answer is a well-formed LSP object for the document it was asked about.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CodeLens,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver-types';
import { checkedLanguageOf } from '../../../server/src/cli/languages';
import { RULES } from '../../../server/src/rules';
import type { LanguageId } from '../../../server/src/service/types';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** `FUZZ_RUNS=2000 npm test` multiplies nothing: it sets every property's run count. */
export function runs(ciDefault: number): number {
  const configured = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(configured) && configured > 0 ? configured : ciDefault;
}

/** fast-check parameters: bounded runs; a failure prints the seed and the shrunk input to replay it. */
export function params(ciDefault: number): fc.Parameters<unknown> {
  return { numRuns: runs(ciDefault), includeErrorInReport: true };
}

export const LANGUAGES: readonly LanguageId[] = ['reg', 'powershell', 'bat', 'iptables', 'nftables'];

export interface CorpusFile {
  /** Repository-relative, with `/`. */
  name: string;
  languageId: LanguageId;
  text: string;
}

function filesUnder(relative: string): string[] {
  const full = path.join(REPO_ROOT, relative);
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const child = `${relative}/${entry.name}`;
    return entry.isDirectory() ? filesUnder(child) : [child];
  });
}

/** Every example and fixture the checker reads, decoded as the CLI decodes them. */
export const CORPUS: readonly CorpusFile[] = ['examples', 'test/fixtures']
  .flatMap(filesUnder)
  .sort()
  .flatMap((name) => {
    const languageId = checkedLanguageOf(path.basename(name));
    if (!languageId) return [];
    const bytes = fs.readFileSync(path.join(REPO_ROOT, name));
    return [{ name, languageId, text: decodeForCorpus(bytes) }];
  });

function decodeForCorpus(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  return new TextDecoder('utf-8').decode(bytes);
}

export function corpusOf(languageId: LanguageId): CorpusFile[] {
  return CORPUS.filter((file) => file.languageId === languageId);
}

/** Characters and tokens each format gives meaning to: random text built from them reaches deep into a parser. */
const TOKENS: Record<LanguageId, readonly string[]> = {
  reg: ['Windows Registry Editor Version 5.00', 'REGEDIT4', '[', ']', '[-', '"', '\\', '\\\\', '=', '@', '-', ';', 'dword:', 'hex:', 'hex(7):', 'hex(2):', 'hex(b):', '0000e88c', 'ff,', '00,', ',\\', 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem', 'HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet', '"TCP/IP Port"', '"RpcTcpPort"', '"Ports"', '59532', '6001-6002'],
  powershell: ['$', '$(', '@"', '"@', "@'", "'@", '"', "'", '`', '(', ')', '{', '}', '[', ']', '|', ';', '#', '<#', '#>', '-', '=', ',', 'New-ItemProperty', 'Set-ItemProperty', 'New-NetFirewallRule', '-Path', '-Name', '-Value', '-LocalPort', '-PropertyType', 'DWord', 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem', 'TCP/IP Port', 'RpcTcpPort', '59532', '135', 'reg add', 'netsh advfirewall firewall add rule', 'Restart-Service', 'MSExchange*', '@{', '::'],
  bat: ['^', '"', '%', '%%', '!', '(', ')', '&', '&&', '||', '|', '>', '<', '@echo off', 'rem ', '::', 'set ', 'if ', 'for ', 'goto ', ':label', 'reg add', ' /v ', ' /t ', ' /d ', ' /f', 'REG_DWORD', 'REG_SZ', '"HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem"', '"TCP/IP Port"', 'netsh advfirewall firewall add rule', 'name=', 'localport=', 'protocol=TCP', 'dir=in', 'action=allow', '135', '59532', 'sc stop MSExchangeRPC', 'net start'],
  iptables: ['*filter', '*nat', ':INPUT ACCEPT [0:0]', 'COMMIT', '-A', '-I', '-N', '-P', 'INPUT', 'FORWARD', '-p', 'tcp', 'udp', '--dport', '--sport', '--dports', '-m', 'multiport', 'state', 'conntrack', '--ctstate', 'NEW', '-s', '0.0.0.0/0', '10.0.0.0/8', '-j', 'ACCEPT', 'DROP', '!', '"', '#', ':', ',', '135', '443', '6005:59530', '# exchange-ports: role=edge-transport version=2016'],
  nftables: ['table', 'inet', 'filter', 'chain', 'input', '{', '}', ';', 'type filter hook input priority 0', 'policy drop', 'tcp', 'udp', 'dport', 'sport', 'saddr', 'ip', 'accept', 'drop', 'ct state new', '{ 25, 587 }', '6005-59530', 'define', '$', '"', '#', '\\', 'include', 'flush ruleset', 'set', 'elements', '=', ',', '135', '443', '# exchange-ports: role=mailbox version=2019'],
};

const AWKWARD = ['\n', '\r\n', '\r', ' ', '\t', '\u0000', '\uFEFF', '\uD83D\uDE00', '\uD83D', '\uDE00', '\u00E9', '99999999999999999999', '-1', '0x', ''];

/** Text of a format's tokens, awkward characters and random ones. */
export function textOf(languageId: LanguageId, maxLength = 60): fc.Arbitrary<string> {
  const unit = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...TOKENS[languageId]) },
    { weight: 2, arbitrary: fc.constantFrom(...AWKWARD) },
    { weight: 2, arbitrary: fc.string({ maxLength: 3, unit: 'binary' }) },
  );
  return fc.array(unit, { maxLength }).map((parts) => parts.join(''));
}

/** Any UTF-16 string, lone surrogates included (what a buffer can hold after a bad decode). */
export const anyText = fc.string({ maxLength: 200, unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) });

/** What a careless edit, a bad merge or a truncated download does to a file. */
export type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'repeat'; at: number; length: number; times: number };

const INSERTIONS = ['"', "'", '[', ']', '(', ')', '{', '}', '\r', '\n', '\r\n', '\u0000', '\\', '`', '^', '$(', '@"', '"@', '99999999999999999999999', '4294967296', '-0', ',', '\uD83D\uDE00', '\uDE00'];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...INSERTIONS), fc.string({ maxLength: 4 })) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 6 }), times: fc.integer({ min: 2, max: 200 }) }),
);

export function mutate(text: string, mutation: Mutation): string {
  const at = text.length === 0 ? 0 : mutation.at % (text.length + 1);
  switch (mutation.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + mutation.length);
    case 'insert':
      return text.slice(0, at) + mutation.text + text.slice(at);
    case 'truncate':
      return text.slice(0, at);
    case 'repeat': {
      // Deep nesting and very long lines: a few characters copied many times in place.
      const piece = text.slice(at, at + mutation.length);
      return text.slice(0, at) + piece.repeat(mutation.times) + text.slice(at);
    }
  }
}

/** A corpus file of the language with up to `max` mutations applied. */
export function mutatedCorpus(languageId: LanguageId, max = 6): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...corpusOf(languageId)), fc.array(mutationArb, { minLength: 1, maxLength: max }))
    .map(([file, mutations]) => mutations.reduce(mutate, file.text));
}

/** Random text, corpus mutations and plain garbage, for one language. */
export function inputFor(languageId: LanguageId): fc.Arbitrary<string> {
  return fc.oneof(textOf(languageId), mutatedCorpus(languageId), anyText);
}

// --- Well-formed answers -------------------------------------------------------------------

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((rule) => rule.id));

/** Line lengths without their line breaks, as LSP counts positions (UTF-16 code units). */
export function lineLengths(document: TextDocument): number[] {
  const text = document.getText();
  const lengths: number[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lengths.push(i - start);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lengths.push(text.length - start);
  return lengths;
}

export class ShapeChecker {
  private readonly lengths: number[];

  constructor(readonly document: TextDocument) {
    this.lengths = lineLengths(document);
  }

  position(position: Position, what: string): void {
    assert.ok(Number.isInteger(position.line) && Number.isInteger(position.character), `${what}: integer position ${JSON.stringify(position)}`);
    assert.ok(position.line >= 0 && position.line < this.lengths.length, `${what}: line ${position.line} of ${this.lengths.length}`);
    assert.ok(position.character >= 0 && position.character <= this.lengths[position.line], `${what}: character ${position.character} on line ${position.line} of length ${this.lengths[position.line]}`);
  }

  range(range: Range, what: string): void {
    this.position(range.start, `${what} start`);
    this.position(range.end, `${what} end`);
    assert.ok(compare(range.start, range.end) <= 0, `${what}: start after end ${JSON.stringify(range)}`);
  }

  contains(outer: Range, inner: Range, what: string): void {
    assert.ok(compare(outer.start, inner.start) <= 0 && compare(inner.end, outer.end) <= 0, `${what}: ${JSON.stringify(inner)} outside ${JSON.stringify(outer)}`);
  }

  diagnostics(diagnostics: Diagnostic[]): void {
    for (const diagnostic of diagnostics) {
      this.range(diagnostic.range, `diagnostic ${String(diagnostic.code)}`);
      assert.ok(RULE_IDS.has(String(diagnostic.code)), `unknown diagnostic code ${String(diagnostic.code)}`);
      assert.ok(diagnostic.severity !== undefined && diagnostic.severity >= 1 && diagnostic.severity <= 4, `severity ${diagnostic.severity}`);
      assert.ok(typeof diagnostic.message === 'string' && diagnostic.message.length > 0, 'a message');
    }
  }

  hover(hover: Hover | null): void {
    if (!hover) return;
    assert.ok(hover.contents, 'hover contents');
    if (hover.range) this.range(hover.range, 'hover');
  }

  completion(items: CompletionItem[]): void {
    for (const item of items) {
      assert.equal(typeof item.label, 'string');
      const edit = item.textEdit;
      if (edit && 'range' in edit) this.range(edit.range, `completion ${item.label}`);
      if (edit && 'insert' in edit) {
        this.range(edit.insert, `completion ${item.label} insert`);
        this.range(edit.replace, `completion ${item.label} replace`);
      }
      this.edits(item.additionalTextEdits ?? [], `completion ${item.label} additional edits`);
    }
  }

  /** Ranges inside the document, sorted they do not overlap (two inserts at one place are allowed). */
  edits(edits: readonly TextEdit[], what: string): void {
    for (const edit of edits) this.range(edit.range, what);
    const sorted = [...edits].sort((a, b) => compare(a.range.start, b.range.start) || compare(a.range.end, b.range.end));
    for (let i = 1; i < sorted.length; i++) {
      assert.ok(compare(sorted[i - 1].range.end, sorted[i].range.start) <= 0, `${what}: overlapping edits ${JSON.stringify(sorted[i - 1].range)} and ${JSON.stringify(sorted[i].range)}`);
    }
  }

  codeActions(actions: CodeAction[]): void {
    for (const action of actions) {
      assert.equal(typeof action.title, 'string');
      assert.equal(action.edit?.documentChanges, undefined, `${action.title}: only \`changes\` are used`);
      const uris = Object.keys(action.edit?.changes ?? {});
      assert.ok(uris.every((uri) => uri === this.document.uri), `${action.title} edits another file: ${uris.join(', ')}`);
      this.edits(action.edit?.changes?.[this.document.uri] ?? [], action.title);
      for (const diagnostic of action.diagnostics ?? []) this.range(diagnostic.range, `${action.title} diagnostic`);
    }
  }

  inlayHints(hints: InlayHint[]): void {
    for (const hint of hints) this.position(hint.position, 'inlay hint');
  }

  symbols(symbols: DocumentSymbol[], parent?: Range): void {
    for (const symbol of symbols) {
      assert.ok(symbol.name.length > 0, 'a symbol name');
      this.range(symbol.range, `symbol ${symbol.name}`);
      this.range(symbol.selectionRange, `symbol ${symbol.name} selection`);
      this.contains(symbol.range, symbol.selectionRange, `symbol ${symbol.name} selection`);
      if (parent) this.contains(parent, symbol.range, `symbol ${symbol.name} in its parent`);
      this.symbols(symbol.children ?? [], symbol.range);
    }
  }

  folding(ranges: FoldingRange[]): void {
    for (const range of ranges) {
      assert.ok(range.startLine >= 0 && range.startLine <= range.endLine && range.endLine < this.lengths.length, `folding ${JSON.stringify(range)}`);
    }
  }

  codeLenses(lenses: CodeLens[]): void {
    for (const lens of lenses) this.range(lens.range, 'code lens');
  }
}

export function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
