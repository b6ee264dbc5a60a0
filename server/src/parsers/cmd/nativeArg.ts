// An argument as a native program (reg.exe, netsh.exe) receives it, whichever shell wrote it.
// cmd and PowerShell both build these, so that `reg add` and `netsh` are read in one place.
import type { OffsetEdit, Span } from '../common/model';

/** Where a value is written verbatim: `span` includes the quotes, `contentSpan` does not. */
export interface LiteralText {
  span: Span;
  contentSpan: Span;
}

export interface NativeArg {
  /** The text the program receives: quotes removed, escapes and variables applied. */
  value: string;
  /** Where the argument sits in the command line. */
  span: Span;
  /**
   * Where the value is written as one literal: the argument itself, or the string a
   * variable was assigned. Undefined when the value is assembled from several pieces,
   * which an edit could not rewrite safely.
   */
  literal: LiteralText | undefined;
}

function isQuoted(literal: LiteralText): boolean {
  return literal.span.start !== literal.contentSpan.start;
}

function quotedIfNeeded(content: string): string {
  return /[\s,;&|()]/.test(content) ? `"${content}"` : content;
}

/** An edit that makes `literal` hold `content`, keeping its quotes or adding some when needed. */
export function replaceLiteral(literal: LiteralText, content: string): OffsetEdit {
  if (isQuoted(literal)) return { ...literal.contentSpan, newText: content };
  return { ...literal.span, newText: quotedIfNeeded(content) };
}

/**
 * An edit that makes `arg` pass `content`: its literal is rewritten where it is written;
 * an argument built from variables (`%PORT%`, `$port`) is replaced by the literal.
 */
export function replaceArgument(arg: NativeArg, content: string): OffsetEdit {
  if (arg.literal !== undefined) return replaceLiteral(arg.literal, content);
  return { ...arg.span, newText: quotedIfNeeded(content) };
}
