import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { matchesWildcard } from '../../../server/src/parsers/common/wildcard';

describe('wildcards (PowerShell)', () => {
  const ps = (pattern: string, text: string) => matchesWildcard(pattern, text, { ignoreCase: true });

  test('* and ? and classes, case-insensitive', () => {
    assert.equal(ps('MSExchange*', 'msexchangerpc'), true);
    assert.equal(ps('MSExchange??', 'MSExchangeAB'), true);
    assert.equal(ps('MSExchange??', 'MSExchangeRPC'), false);
    assert.equal(ps('MSExchange[AR]*', 'MSExchangeAB'), true);
    assert.equal(ps('MSExchange[!A]*', 'MSExchangeAB'), false);
    assert.equal(ps('MSExchangeRPC', 'MSExchangeRPCX'), false);
    assert.equal(ps('*', ''), true);
  });

  test('a pattern built to backtrack is answered (a RegExp took minutes on it)', () => {
    assert.equal(ps(`${'*a'.repeat(40)}b`, 'a'.repeat(200)), false);
    assert.equal(ps(`${'*a'.repeat(40)}*`, 'a'.repeat(200)), true);
  });
});

describe('wildcards (globs)', () => {
  const glob = (pattern: string, text: string) => matchesWildcard(pattern, text, { glob: true });

  test('* and ? stay within a segment, ** crosses them, {a,b} alternates', () => {
    assert.equal(glob('perimeter/*.rules.v4', 'perimeter/edge.rules.v4'), true);
    assert.equal(glob('perimeter/*.rules.v4', 'perimeter/dmz/edge.rules.v4'), false);
    assert.equal(glob('**/*.rules.v4', 'perimeter/dmz/edge.rules.v4'), true);
    assert.equal(glob('**/*.rules.v4', 'edge.rules.v4'), true);
    assert.equal(glob('perimeter/**', 'perimeter/a/b'), true);
    assert.equal(glob('fw-?.nft', 'fw-1.nft'), true);
    assert.equal(glob('fw-?.nft', 'fw-/.nft'), false);
    assert.equal(glob('{edge,dmz}/*.nft', 'dmz/a.nft'), true);
    assert.equal(glob('{edge,dmz}/*.nft', 'core/a.nft'), false);
    assert.equal(glob('a{b,c{d,e}}f', 'acef'), true);
    assert.equal(glob('Edge/*.nft', 'edge/a.nft'), false);
  });

  test('a glob built to backtrack is answered', () => {
    assert.equal(glob(`${'*a'.repeat(30)}b`, 'a'.repeat(300)), false);
  });
});
