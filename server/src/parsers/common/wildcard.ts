// Wildcard matching without regular expressions. The patterns come from documents (PowerShell's
// `Restart-Service MSExchange*`) and from `.exchange-ports.json` (`roles` globs); turned into a
// RegExp, `*a*a*a…b` backtracks exponentially and hangs the server. This matcher walks the pattern
// once over the set of reachable text positions: time O(pattern × text), whatever the pattern.

export interface WildcardOptions {
  ignoreCase?: boolean;
  /** Glob mode: `*` and `?` stay within a `/`-separated segment, `**` crosses them, `{a,b}` alternates. */
  glob?: boolean;
}

type Token =
  | { kind: 'char'; char: string }
  | { kind: 'one' }
  | { kind: 'star' }
  | { kind: 'globstar'; slash: boolean }
  | { kind: 'class'; negated: boolean; ranges: [string, string][] };

/** Brace alternatives beyond this many are matched as written: a pattern must not multiply without bound. */
const MAX_ALTERNATIVES = 256;

export function matchesWildcard(pattern: string, text: string, options: WildcardOptions = {}): boolean {
  const subject = options.ignoreCase ? text.toLowerCase() : text;
  const source = options.ignoreCase ? pattern.toLowerCase() : pattern;
  const alternatives = options.glob ? expandBraces(source) : [source];
  return alternatives.some((alternative) => matchTokens(tokenize(alternative, options.glob === true), subject, options.glob === true));
}

function matchTokens(tokens: Token[], text: string, glob: boolean): boolean {
  let reachable = new Uint8Array(text.length + 1);
  reachable[0] = 1;
  for (const token of tokens) {
    const next = new Uint8Array(text.length + 1);
    if (token.kind === 'star' || (token.kind === 'globstar' && !token.slash)) {
      const staysInSegment = token.kind === 'star' && glob;
      let carry = 0;
      for (let j = 0; j <= text.length; j++) {
        carry |= reachable[j];
        next[j] = carry;
        if (staysInSegment && text[j] === '/') carry = 0;
      }
    } else if (token.kind === 'globstar') {
      // `**/`: nothing, or anything that ends with a `/`.
      let anyBefore = 0;
      for (let j = 0; j <= text.length; j++) {
        next[j] = reachable[j] | (anyBefore & (j > 0 && text[j - 1] === '/' ? 1 : 0));
        anyBefore |= reachable[j];
      }
    } else {
      for (let i = 0; i < text.length; i++) if (reachable[i] && matchesOne(token, text[i], glob)) next[i + 1] = 1;
    }
    reachable = next;
  }
  return reachable[text.length] === 1;
}

function matchesOne(token: Token, char: string, glob: boolean): boolean {
  switch (token.kind) {
    case 'char':
      return token.char === char;
    case 'one':
      return !(glob && char === '/');
    case 'class': {
      const inside = token.ranges.some(([from, to]) => char >= from && char <= to);
      return inside !== token.negated;
    }
    default:
      return false;
  }
}

function tokenize(pattern: string, glob: boolean): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (glob && pattern[i + 1] === '*') {
        const slash = pattern[i + 2] === '/';
        tokens.push({ kind: 'globstar', slash });
        i += slash ? 2 : 1;
      } else if (tokens.at(-1)?.kind !== 'star') {
        tokens.push({ kind: 'star' });
      }
    } else if (c === '?') {
      tokens.push({ kind: 'one' });
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        tokens.push({ kind: 'char', char: c });
        continue;
      }
      const negated = pattern[i + 1] === '!' || pattern[i + 1] === '^';
      const body = pattern.slice(negated ? i + 2 : i + 1, close);
      const ranges: [string, string][] = [];
      for (let k = 0; k < body.length; k++) {
        if (body[k + 1] === '-' && k + 2 < body.length) {
          ranges.push([body[k], body[k + 2]]);
          k += 2;
        } else {
          ranges.push([body[k], body[k]]);
        }
      }
      tokens.push({ kind: 'class', negated, ranges });
      i = close;
    } else {
      tokens.push({ kind: 'char', char: c });
    }
  }
  return tokens;
}

/** `a{b,c}d` → `abd`, `acd` (nested braces too), at most MAX_ALTERNATIVES of them. */
function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open < 0) return [pattern];
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  for (let i = open; i < pattern.length && close < 0; i++) {
    if (pattern[i] === '{') depth++;
    else if (pattern[i] === '}' && --depth === 0) close = i;
    else if (pattern[i] === ',' && depth === 1) commas.push(i);
  }
  if (close < 0) return [pattern];
  const head = pattern.slice(0, open);
  const tails = expandBraces(pattern.slice(close + 1));
  const bounds = [open, ...commas, close];
  const results: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    for (const middle of expandBraces(pattern.slice(bounds[k] + 1, bounds[k + 1]))) {
      for (const tail of tails) {
        if (results.length === MAX_ALTERNATIVES) return [pattern];
        results.push(head + middle + tail);
      }
    }
  }
  return results;
}
