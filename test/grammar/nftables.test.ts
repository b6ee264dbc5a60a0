// The nftables grammar, checked token by token with the same engine VS Code uses.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IGrammar } from 'vscode-textmate';
import { loadGrammar, scopesAt as scopesIn } from './textmate';

let grammar: IGrammar;
before(async () => {
  grammar = await loadGrammar('source.nftables', 'nftables.tmLanguage.json');
});

const scopesAt = (text: string, needle: string): string[] => scopesIn(grammar, text, needle);

describe('nftables grammar', () => {
  test('shebang and comments', () => {
    assert.deepEqual(scopesAt('#!/usr/sbin/nft -f', 'nft'), ['comment.line.shebang.nftables']);
    assert.deepEqual(scopesAt('tcp dport 25 accept # mail', 'mail'), ['comment.line.number-sign.nftables']);
  });

  test('table, family, chain and set names', () => {
    assert.deepEqual(scopesAt('table inet filter {', 'inet'), ['storage.modifier.family.nftables']);
    assert.deepEqual(scopesAt('table inet filter {', 'filter'), ['entity.name.type.table.nftables']);
    assert.deepEqual(scopesAt('table inet filter {\n  chain input {', 'input'), ['entity.name.function.chain.nftables']);
    assert.deepEqual(scopesAt('table inet filter {\n  set exchange_ports {', 'exchange_ports'), ['entity.name.type.set.nftables']);
    assert.deepEqual(scopesAt('add chain inet filter smtp_in', 'smtp_in'), ['entity.name.function.chain.nftables']);
  });

  test('base chain properties and policy', () => {
    const line = 'table inet filter {\n  chain input {\n    type filter hook input priority 0; policy drop;';
    assert.deepEqual(scopesAt(line, 'hook'), ['keyword.other.property.nftables']);
    assert.deepEqual(scopesAt(line, 'policy'), ['keyword.other.property.nftables']);
    assert.deepEqual(scopesAt(line, 'drop'), ['constant.language.verdict.deny.nftables']);
  });

  test('ports after dport, in a set, as a range', () => {
    const line = 'tcp dport { 25, 587, 59531-60554 } accept';
    assert.deepEqual(scopesAt(line, 'dport'), ['support.type.selector.nftables']);
    assert.deepEqual(scopesAt(line, '587'), ['constant.numeric.port.nftables']);
    assert.deepEqual(scopesAt(line, '60554'), ['constant.numeric.port.nftables']);
    assert.deepEqual(scopesAt(line, '-60554'), ['punctuation.separator.range.nftables']);
    assert.deepEqual(scopesAt(line, 'accept'), ['constant.language.verdict.accept.nftables']);
  });

  test('a port set written over several lines stays a port list', () => {
    const text = 'tcp dport {\n  25,\n  50636\n} accept';
    assert.deepEqual(scopesAt('tcp dport {\n  25,\n  50636', '50636'), ['constant.numeric.port.nftables']);
    assert.deepEqual(scopesAt(text, 'accept'), ['constant.language.verdict.accept.nftables']);
  });

  test('a number outside a port context is a plain number', () => {
    assert.deepEqual(scopesAt('type filter hook input priority 100;', '100'), ['constant.numeric.nftables']);
  });

  test('variables, set references and service names', () => {
    assert.deepEqual(scopesAt('define SMTP = 25', 'SMTP'), ['variable.other.constant.definition.nftables']);
    assert.deepEqual(scopesAt('tcp dport $SMTP accept', '$SMTP'), ['variable.other.constant.nftables', 'punctuation.definition.variable.nftables']);
    assert.deepEqual(scopesAt('tcp dport @exchange_ports accept', 'exchange_ports'), ['variable.other.set.nftables']);
    assert.deepEqual(scopesAt('tcp dport smtp accept', 'smtp'), ['support.constant.service.nftables']);
  });

  test('addresses, negation and connection states', () => {
    const line = 'ip saddr != 10.99.0.0/24 ct state established,related accept';
    assert.deepEqual(scopesAt(line, '!='), ['keyword.operator.comparison.nftables']);
    assert.deepEqual(scopesAt(line, '10.99'), ['constant.other.address.ipv4.nftables']);
    assert.deepEqual(scopesAt(line, 'related'), ['constant.language.ct-state.nftables']);
    assert.deepEqual(scopesAt('ip6 saddr fd00:20::/64 accept', 'fd00'), ['constant.other.address.ipv6.nftables']);
  });

  test('jump names the chain; include and strings', () => {
    assert.deepEqual(scopesAt('tcp dport 25 jump smtp_in', 'smtp_in'), ['entity.name.function.chain.nftables']);
    assert.deepEqual(scopesAt('include "/etc/nftables.d/*.nft"', '/etc'), ['string.quoted.double.nftables']);
    assert.deepEqual(scopesAt('include "/etc/nftables.d/*.nft"', 'include'), ['keyword.other.command.nftables']);
  });

  test('a verdict map: keys are ports, values verdicts', () => {
    const line = 'tcp dport vmap { 22 : accept, 25 : jump smtp_in }';
    assert.deepEqual(scopesAt(line, 'vmap'), ['keyword.other.vmap.nftables']);
    assert.deepEqual(scopesAt(line, '25'), ['constant.numeric.port.nftables']);
    assert.deepEqual(scopesAt(line, 'accept'), ['constant.language.verdict.accept.nftables']);
    assert.deepEqual(scopesAt(line, 'smtp_in'), ['entity.name.function.chain.nftables']);
  });
});
