// The format-neutral helpers of parsers/common/firewall.ts (kept beside the first parser
// that feeds them).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  complementPortSet,
  formatPortSet,
  inheritFromCallers,
  normalizePortSet,
  parsePortItem,
  portSetContains,
  portSetCovers,
  portSetSize,
  type PortRange,
} from '../../../../server/src/parsers/common/firewall';

describe('port sets', () => {
  test('normalizing sorts and merges overlapping and adjacent ranges', () => {
    assert.deepEqual(
      normalizePortSet([
        { from: 995, to: 995 },
        { from: 25, to: 25 },
        { from: 993, to: 994 },
        { from: 20, to: 30 },
      ]),
      [
        { from: 20, to: 30 },
        { from: 993, to: 995 },
      ],
    );
  });

  test('the whole range is any; nothing is the empty list', () => {
    assert.equal(normalizePortSet([{ from: 0, to: 1023 }, { from: 1024, to: 65535 }]), 'any');
    assert.deepEqual(normalizePortSet([]), []);
  });

  test('contains, size, covers', () => {
    const exchange = normalizePortSet([{ from: 25, to: 25 }, { from: 59531, to: 60554 }]);
    assert.equal(portSetContains(exchange, 60000), true);
    assert.equal(portSetContains(exchange, 26), false);
    assert.equal(portSetContains('any', 65535), true);
    assert.equal(portSetSize(exchange), 1025);
    assert.equal(portSetSize('any'), 65536);
    assert.equal(portSetCovers(exchange, [{ from: 59600, to: 59700 }]), true);
    assert.equal(portSetCovers(exchange, [{ from: 25, to: 26 }]), false);
    assert.equal(portSetCovers('any', exchange), true);
    assert.equal(portSetCovers(exchange, 'any'), false);
  });

  test('complement and format', () => {
    assert.deepEqual(complementPortSet([{ from: 0, to: 24 }, { from: 26, to: 65535 }]), [{ from: 25, to: 25 }]);
    assert.deepEqual(complementPortSet([]), 'any');
    assert.equal(formatPortSet([{ from: 25, to: 25 }, { from: 993, to: 995 }]), '25, 993-995');
  });

  test('a set and its complement split every port between them', () => {
    const range = fc.tuple(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 })).map(([a, b]): PortRange => ({ from: Math.min(a, b), to: Math.max(a, b) }));
    fc.assert(
      fc.property(fc.array(range, { maxLength: 6 }), fc.integer({ min: 0, max: 65535 }), (ranges, port) => {
        const set = normalizePortSet(ranges);
        const rest = complementPortSet(set);
        assert.notEqual(portSetContains(set, port), portSetContains(rest, port));
        assert.equal(portSetSize(set) + portSetSize(rest), 65536);
        assert.equal(portSetCovers(set, set), true);
      }),
    );
  });
});

describe('parsePortItem', () => {
  test('iptables ranges with open ends; nft ranges need both', () => {
    assert.deepEqual(parsePortItem(':1024', ':'), { ok: true, range: { from: 0, to: 1024 } });
    assert.deepEqual(parsePortItem('1024:', ':'), { ok: true, range: { from: 1024, to: 65535 } });
    assert.deepEqual(parsePortItem('59531-60554', '-'), { ok: true, range: { from: 59531, to: 60554 } });
    assert.deepEqual(parsePortItem('-1024', '-'), { ok: false, code: 'firewall-syntax', message: "'-1024' is not a port range: write it as first-last." });
  });

  test('service names, with dashes, are not ranges', () => {
    assert.deepEqual(parsePortItem('ms-wbt-server', '-'), { ok: true, range: { from: 3389, to: 3389 } });
    assert.deepEqual(parsePortItem('SMTP', ':'), { ok: true, range: { from: 25, to: 25 } });
  });

  test('out of range and reversed ports are invalid-port; words are syntax', () => {
    assert.deepEqual(parsePortItem('65536', ':'), { ok: false, code: 'invalid-port', message: 'Port 65536 is outside 0–65535.' });
    assert.deepEqual(parsePortItem('995:993', ':'), { ok: false, code: 'invalid-port', message: 'The port range 995:993 ends before it starts.' });
    assert.deepEqual(parsePortItem('2s5', ':'), { ok: false, code: 'firewall-syntax', message: "'2s5' is not a port number or a known service name." });
  });
});

describe('inheritFromCallers', () => {
  test('a chain takes the one value of the chains reaching it, through several jumps', () => {
    const base = new Map([
      ['INPUT', 'inbound'],
      ['OUTPUT', 'outbound'],
    ]);
    const jumps = [
      { from: 'INPUT', to: 'A' },
      { from: 'A', to: 'B' },
      { from: 'OUTPUT', to: 'C' },
      { from: 'INPUT', to: 'C' },
      { from: 'B', to: 'A' },
    ];
    assert.deepEqual(
      [...inheritFromCallers(base, jumps, 'unknown')].sort(),
      [
        ['A', 'inbound'],
        ['B', 'inbound'],
        ['C', 'unknown'],
        ['INPUT', 'inbound'],
        ['OUTPUT', 'outbound'],
      ],
    );
  });
});
