import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildPowerShellModel } from '../../../../server/src/parsers/powershell/model';
import { parsePowerShell } from '../../../../server/src/parsers/powershell/parser';
import { assertSpansInside } from '../../support/spans';

const FIXTURES = join(__dirname, '../../../fixtures/powershell');
const fixtures = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.ps1'))
  .map((name) => ({ name, text: readFileSync(join(FIXTURES, name), 'utf8') }));

const assertSpansWithin = (text: string) => assertSpansInside(buildPowerShellModel(text), text);

describe('PowerShell corpus', () => {
  test('there are about ten realistic scripts', () => {
    assert.ok(fixtures.length >= 10, `${fixtures.length} fixtures`);
  });

  for (const { name, text } of fixtures) {
    test(`${name} parses without problems`, () => {
      assert.deepEqual(buildPowerShellModel(text).model.problems, []);
    });
  }

  test('the corpus yields the registry writes it contains', () => {
    const text = fixtures.find((fixture) => fixture.name === 'Registry-Variants.ps1')?.text ?? '';
    const { model } = buildPowerShellModel(text);
    assert.deepEqual(
      model.registryWrites.map((write) => `${write.valueName}=${write.type ?? 'deleted'}`),
      [
        'TCP/IP Port=REG_DWORD',
        'RpcTcpPort=REG_SZ',
        'TCP/IP Port=REG_DWORD',
        'RpcTcpPort=REG_SZ',
        'MaxUserPort=REG_DWORD',
        'TCP/IP Port=deleted',
        'Marker=REG_SZ',
        'Flag=REG_DWORD',
        'TCP/IP Port=REG_DWORD',
        'RpcTcpPort=REG_SZ',
        'TCP/IP Port=deleted',
      ],
    );
  });
});

describe('PowerShell parser robustness', () => {
  test('random text never throws and every span stays within the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab $@-{}()[]"\'`#<>|;,=:.\n\r\t0x1\\%&?!“”–'.split('')), maxLength: 200 }), (text) => {
        assertSpansWithin(text);
      }),
      { numRuns: 400 },
    );
  });

  test('arbitrary unicode never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (text) => {
        assertSpansWithin(text);
      }),
      { numRuns: 200 },
    );
  });

  test('mutated fixtures never throw and keep spans within the text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fixtures.map((fixture) => fixture.text)),
        fc.array(fc.tuple(fc.nat(), fc.nat(8), fc.constantFrom('', '"', "'", '{', '}', '(', ')', '@"', '"@', '`', '#', '<#', '$(', '\n', '--%', ',')), { maxLength: 6 }),
        (text, mutations) => {
          let mutated = text;
          for (const [at, length, insert] of mutations) {
            const start = at % (mutated.length + 1);
            mutated = mutated.slice(0, start) + insert + mutated.slice(start + length);
          }
          assertSpansWithin(mutated);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a string left open at the top of a script does not swallow the commands after it', () => {
    const script = 'Write-Host "open\n' + 'Get-A $(Get-B (1 + 2)) -Port 59532\n'.repeat(3);
    assert.equal(parsePowerShell(script).commands.length, 7);
  });
});
