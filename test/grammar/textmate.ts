// Tokenizes text with the project's grammars through vscode-textmate and Oniguruma, the engine
// VS Code uses, for tests that need more than the assertion files can say.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

export const REPO_ROOT = join(__dirname, '..', '..');
export const REG_GRAMMAR_PATH = join(REPO_ROOT, 'syntaxes', 'reg.tmLanguage.json');

export interface Token {
  text: string;
  /** Without the root `source.reg`. */
  scopes: string[];
}

// Oniguruma's WASM may be loaded only once per process.
let onigLib: Promise<textmate.IOnigLib> | undefined;

function loadOnigLib(): Promise<textmate.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = readFileSync(join(require.resolve('vscode-oniguruma'), '..', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLib;
}

/** One of the project's grammars (`source.iptables` from `syntaxes/iptables.tmLanguage.json`). */
export async function loadGrammar(scopeName: string, fileName: string): Promise<textmate.IGrammar> {
  const path = join(REPO_ROOT, 'syntaxes', fileName);
  const registry = new textmate.Registry({
    onigLib: loadOnigLib(),
    loadGrammar: async (name) => (name === scopeName ? textmate.parseRawGrammar(readFileSync(path, 'utf8'), path) : null),
  });
  const loaded = await registry.loadGrammar(scopeName);
  if (!loaded) throw new Error(`${scopeName} did not load`);
  return loaded;
}

let regGrammar: Promise<textmate.IGrammar> | undefined;

export function loadRegGrammar(): Promise<textmate.IGrammar> {
  regGrammar ??= loadGrammar('source.reg', 'reg.tmLanguage.json');
  return regGrammar;
}

/** The scopes (without the root) of the token at the first `needle` on the last line of `text`. */
export function scopesAt(grammar: textmate.IGrammar, text: string, needle: string): string[] {
  const lines = text.split('\n');
  const last = tokenizeLines(grammar, lines).at(-1) ?? [];
  const at = lines[lines.length - 1].indexOf(needle);
  if (at < 0) throw new Error(`'${needle}' is not in '${lines[lines.length - 1]}'`);
  let offset = 0;
  for (const token of last) {
    if (offset <= at && at < offset + token.text.length) return token.scopes;
    offset += token.text.length;
  }
  return [];
}

/** One token list per line; the lines are tokenized in order, so continuations carry over. */
export function tokenizeLines(regGrammar: textmate.IGrammar, lines: readonly string[]): Token[][] {
  let state = textmate.INITIAL;
  return lines.map((line) => {
    const result = regGrammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((token) => ({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes.slice(1) }));
  });
}

/** `line:text scope…` for every token carrying an `invalid.*` scope: empty for a clean document. */
export function invalidTokens(tokens: Token[][]): string[] {
  return tokens.flatMap((line, index) =>
    line.filter((token) => token.scopes.some((scope) => scope.startsWith('invalid.'))).map((token) => `${index + 1}:${JSON.stringify(token.text)} ${token.scopes.join(' ')}`),
  );
}
