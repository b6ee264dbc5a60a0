// Keeps the layering of ARCHITECTURE.md true: each folder imports only what it may.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, test } from 'node:test';

const root = resolve(__dirname, '../..');
const server = join(root, 'server/src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every import of a file, relative ones resolved to a path under the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  return specifiers.map((spec) => (spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)) : spec));
}

/** Folder (under server/src) → what its imports may start with. */
const ALLOWED: Record<string, string[]> = {
  catalog: ['server/src/catalog'],
  parsers: ['server/src/parsers', 'vscode-languageserver-textdocument'],
  rules: ['server/src/rules', 'server/src/parsers', 'server/src/catalog', 'server/src/service/types'],
  features: ['server/src/features', 'server/src/rules', 'server/src/parsers', 'server/src/catalog', 'server/src/service/types', 'server/src/service/analyze', 'server/src/protocol', 'vscode-languageserver-types', 'vscode-languageserver-textdocument'],
  service: ['server/src/service', 'server/src/features', 'server/src/parsers', 'server/src/catalog', 'server/src/rules', 'vscode-languageserver-textdocument', 'vscode-languageserver-types', 'jsonc-parser'],
  cli: ['server/src/cli', 'server/src/service', 'server/src/catalog', 'server/src/features/format', 'server/src/rules', 'package.json', 'node:', 'vscode-languageserver-textdocument', 'vscode-languageserver-types'],
  lsp: ['server/src/lsp', 'server/src/service', 'server/src/protocol', 'vscode-languageserver', 'node:'],
};

describe('architecture', () => {
  for (const [folder, allowed] of Object.entries(ALLOWED)) {
    test(`server/src/${folder} imports only what it may`, () => {
      const violations: string[] = [];
      for (const file of filesUnder(join(server, folder))) {
        for (const target of importsOf(file)) {
          if (!allowed.some((prefix) => target === prefix || target.startsWith(prefix))) violations.push(`${relative(root, file)} → ${target}`);
        }
      }
      assert.deepEqual(violations, []);
    });
  }

  test('the client imports only vscode, the language client and server/src/protocol', () => {
    const violations: string[] = [];
    for (const file of filesUnder(join(root, 'client/src'))) {
      for (const target of importsOf(file)) {
        if (!['vscode', 'vscode-languageclient', 'server/src/protocol', 'client/src', 'node:'].some((prefix) => target.startsWith(prefix))) violations.push(`${relative(root, file)} → ${target}`);
      }
    }
    assert.deepEqual(violations, []);
  });

  test('the core touches no file system, process or network', () => {
    const core = ['catalog', 'parsers', 'rules', 'features', 'service'].flatMap((folder) => filesUnder(join(server, folder)));
    const offenders = core.filter((file) => /from ['"](node:)?(fs|child_process|net|http|https|process)['"]|\bprocess\.|\brequire\(/.test(readFileSync(file, 'utf8')));
    assert.deepEqual(offenders.map((file) => relative(root, file)), []);
  });
});
