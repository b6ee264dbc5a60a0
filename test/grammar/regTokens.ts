// Tokenizes .reg text with syntaxes/reg.tmLanguage.json through vscode-textmate and Oniguruma,
// the engine VS Code uses, for tests that need more than the assertion files can say.
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
let grammar: Promise<textmate.IGrammar> | undefined;

export function loadRegGrammar(): Promise<textmate.IGrammar> {
  grammar ??= (async () => {
    const wasm = readFileSync(join(require.resolve('vscode-oniguruma'), '..', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName) =>
        scopeName === 'source.reg' ? textmate.parseRawGrammar(readFileSync(REG_GRAMMAR_PATH, 'utf8'), REG_GRAMMAR_PATH) : null,
    });
    const loaded = await registry.loadGrammar('source.reg');
    if (!loaded) throw new Error('source.reg did not load');
    return loaded;
  })();
  return grammar;
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
