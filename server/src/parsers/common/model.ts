// The format-neutral model every parser produces next to its own syntax tree.
// Rules that apply to several formats (a static port set by a .reg file, by
// Set-ItemProperty or by `reg add`) read this model and never the format's tree.
import { emptyFirewallModel, type FirewallModel } from './firewall';

/** Half-open offsets [start, end) into the document text, in UTF-16 code units. */
export interface Span {
  start: number;
  end: number;
}

export interface OffsetEdit extends Span {
  newText: string;
}

export type RegistryDataType =
  | 'REG_SZ'
  | 'REG_EXPAND_SZ'
  | 'REG_MULTI_SZ'
  | 'REG_DWORD'
  | 'REG_QWORD'
  | 'REG_BINARY'
  | 'REG_NONE'
  /** `hex(N)` with a type number regedit knows no name for. */
  | 'REG_OTHER';

export type RegistryData =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'strings'; value: string[] }
  | { kind: 'bytes'; value: number[] }
  /** The data could not be read (a syntax error is reported elsewhere). */
  | { kind: 'invalid' };

/** One registry value set (or deleted) by the document, however it was written. */
export interface RegistryWrite {
  /** The key as written; compare through the catalog's normalizeKeyPath (hive abbreviations, `HKLM:`, control sets). */
  keyPath: string;
  keySpan: Span;
  /** '' for the default value (`@`). */
  valueName: string;
  nameSpan: Span;
  /** Undefined for a deletion (`"name"=-`, `reg delete`, `Remove-ItemProperty`). */
  type: RegistryDataType | undefined;
  data: RegistryData;
  /** The data as written (`dword:0000e88c`, `"59533"`). */
  dataSpan: Span;
  /** The whole statement, for fixes that replace or remove it. */
  statementSpan: Span;
  deleted: boolean;
}

/** A comment's text without its marker (`;`, `#`, `REM`, `::`), for suppression and directives. */
export interface Comment {
  span: Span;
  text: string;
}

/** A problem the parser found, reported under one of the syntax rule ids. */
export interface ParseProblem extends Span {
  code: string;
  message: string;
  fixes?: { title: string; edits: OffsetEdit[]; preferred?: boolean }[];
}

/** A number in the text that may be a port (hover looks these up in the catalog). */
export interface PortMention extends Span {
  port: number;
  /** How it was written when that differs from decimal (`dword:0000e88c`). */
  written?: string;
}

/**
 * How to rewrite a registry write in the document's own syntax. Each format supplies one,
 * so that a rule can say "make this a REG_DWORD 59532" without knowing the syntax.
 */
export interface RegistryEditor {
  /** Edits that make `write` hold `value` as `type` (type and data together). */
  setValue(write: RegistryWrite, type: 'REG_DWORD' | 'REG_SZ', value: number): OffsetEdit[];
  /** Edits that move `write` (with its current data) under `keyPath`. */
  moveToKey(write: RegistryWrite, keyPath: string): OffsetEdit[];
}

/**
 * A rule (or every rule) silenced over a span by the script's own syntax rather than a comment:
 * PowerShell's `[Diagnostics.CodeAnalysis.SuppressMessageAttribute('exchange-ports/<rule-id>', '')]`
 * on a function's or the script's `param()` block covers that function or script.
 */
export interface ScopedSuppression {
  /** Undefined for every rule. */
  ruleId: string | undefined;
  span: Span;
}

export interface DocumentModel {
  registryWrites: RegistryWrite[];
  registryEditor: RegistryEditor | undefined;
  comments: Comment[];
  portMentions: PortMention[];
  problems: ParseProblem[];
  /** Allow and deny rules, whichever firewall syntax wrote them. */
  firewall: FirewallModel;
  /** Suppressions written as code, not comments; absent where the format has none. */
  suppressions?: ScopedSuppression[];
}

export function emptyModel(): DocumentModel {
  return { registryWrites: [], registryEditor: undefined, comments: [], portMentions: [], problems: [], firewall: emptyFirewallModel() };
}
