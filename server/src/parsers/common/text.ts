// Small text helpers every parser needs. Char-code scanning only: linear in the input.

export interface Line {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character, before the line break. */
  end: number;
  /** Offset just past the line break (= end on the last line). */
  next: number;
}

/** The line that starts at `start` (CRLF, LF and lone CR end a line, as editors count them). */
export function lineAt(text: string, start: number): Line {
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10) return { start, end: i, next: i + 1 };
    if (c === 13) return { start, end: i, next: text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 };
    i++;
  }
  return { start, end: i, next: i };
}

/** The start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i;
}

/** Splits on CRLF, LF and lone CR, as editors do. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      const next = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      lines.push({ start, end: i, next });
      start = next;
      i = next - 1;
    }
  }
  lines.push({ start, end: text.length, next: text.length });
  return lines;
}

/** The line ending a fix should insert: the first one the file uses, CRLF when it has none (Windows files). */
export function detectEol(text: string): '\r\n' | '\n' {
  const lf = text.indexOf('\n');
  if (lf < 0) return '\r\n';
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

export function skipSpaces(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** End of the text once trailing spaces and tabs are dropped. */
export function trimEnd(text: string, start: number, end: number): number {
  let i = end;
  while (i > start && isSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

export function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Every run of decimal digits in [start, end) that stands alone (not part of a word) and reads as 1–65535. */
export function* portLikeNumbers(text: string, start: number, end: number): Generator<{ start: number; end: number; port: number }> {
  let i = start;
  while (i < end) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const runStart = i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    const before = runStart > start ? text.charCodeAt(runStart - 1) : 32;
    const after = i < end ? text.charCodeAt(i) : 32;
    if (isWordChar(before) || isWordChar(after) || i - runStart > 5) continue;
    const port = Number(text.slice(runStart, i));
    if (port >= 1 && port <= 65535) yield { start: runStart, end: i, port };
  }
}

function isWordChar(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46;
}

/** A position as TextDocument.positionAt gives it, with the offset its line starts at. */
export interface LinePosition {
  line: number;
  character: number;
  lineStart: number;
}

/**
 * The position of `offset`, counting line breaks forward from `lineStart`, the start of line
 * `line` (at or before `offset`). Same answer as TextDocument.positionAt, without its table of
 * every line: an offset inside a CRLF pair is at the end of its line, and offsets are clamped to
 * the text.
 */
export function positionFrom(text: string, lineStart: number, line: number, offset: number): LinePosition {
  const target = Math.max(0, Math.min(offset, text.length));
  let start = lineStart;
  let current = line;
  for (let i = lineStart; i < target; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      current++;
      start = i + 1;
    } else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        if (i + 1 === target) return { line: current, character: i - start, lineStart: start };
        i++;
      }
      current++;
      start = i + 1;
    }
  }
  return { line: current, character: target - start, lineStart: start };
}

/**
 * Where each line starts, as TextDocument counts lines (CRLF, LF and lone CR each end one), found
 * with `indexOf`: the first diagnostics of a large script are pushed before V8 has optimised a
 * character loop, which then costs tens of milliseconds on 10k lines.
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  for (;;) {
    const at = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
    if (at < 0) return starts;
    const next = at === cr && lf === cr + 1 ? lf + 1 : at + 1;
    starts.push(next);
    if (lf >= 0 && lf < next) lf = text.indexOf('\n', next);
    if (cr >= 0 && cr < next) cr = text.indexOf('\r', next);
  }
}

/** TextDocument.positionAt from a table of `lineStarts(text)`. */
export function positionIn(text: string, starts: readonly number[], offset: number): { line: number; character: number } {
  const target = Math.max(0, Math.min(offset, text.length));
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (starts[middle] > target) high = middle;
    else low = middle + 1;
  }
  const line = low - 1;
  const start = starts[line];
  // Inside a CRLF pair is the end of its line.
  let character = target;
  while (character > start && (text.charCodeAt(character - 1) === 10 || text.charCodeAt(character - 1) === 13)) character--;
  return { line, character: character - start };
}
