// The syntax tree of an nftables ruleset file (`nft -f`): tables with their chains and
// sets, and the command forms (`add rule inet filter input ...`) that build the same things.
// Rules keep where their words are written: model.ts reads them again (`ruleTokens`) to learn
// what a rule matches, so a file of 10,000 rules does not keep an object per word.
import type { Span } from '../common/model';

export interface NftToken {
  /** `word` covers numbers, names, addresses, ranges, `$var`, `@set`, operators. */
  kind: 'word' | 'string' | 'punct';
  /** Quotes removed for strings. */
  text: string;
  span: Span;
}

/** A keyword's value and where it is written (`policy drop`, `hook input`). */
export interface NftSetting {
  value: string;
  span: Span;
}

/** `ip`, `ip6`, `inet`, `arp`, `bridge`, `netdev`; `ip` when the file omits it. */
export type NftFamily = string;

export interface NftTable {
  kind: 'table';
  family: NftFamily;
  name: string;
  nameSpan: Span;
  span: Span;
  chains: NftChain[];
  sets: NftSet[];
}

export interface NftChain {
  kind: 'chain';
  family: NftFamily;
  table: string;
  name: string;
  nameSpan: Span;
  span: Span;
  /** `filter`, `nat`, `route`: only on base chains. */
  type?: NftSetting;
  hook?: NftSetting;
  policy?: NftSetting;
  rules: NftRule[];
}

export interface NftRule {
  kind: 'rule';
  family: NftFamily;
  table: string;
  chain: string;
  /** From the rule's first word to its last (after `add rule inet filter input` in the command form). */
  body: Span;
  span: Span;
  /** `insert rule` puts the rule first in its chain. */
  position: 'append' | 'insert';
}

/** A named set or map (`set exchange_ports { type inet_service; elements = { 25, 587 } }`). */
export interface NftSet {
  kind: 'set';
  family: NftFamily;
  table: string;
  isMap: boolean;
  name: string;
  nameSpan: Span;
  span: Span;
  /** The words after `type` or `typeof`: `inet_service`, `tcp dport`, `ipv4_addr`. */
  type?: string;
  flags: string[];
  /** The tokens between the braces of `elements = { ... }`. */
  elements: NftToken[];
}

/** `add element inet filter exchange_ports { 2525 }` */
export interface NftElementsCommand {
  kind: 'elements';
  family: NftFamily;
  table: string;
  set: string;
  setSpan: Span;
  span: Span;
  elements: NftToken[];
}

/** `define SMTP = 25`; the value's tokens, unexpanded. */
export interface NftDefine {
  kind: 'define';
  name: string;
  nameSpan: Span;
  value: NftToken[];
  span: Span;
}

export interface NftInclude {
  kind: 'include';
  path: string;
  span: Span;
}

/** A statement this model does not need (`flush ruleset`, `delete table x`). */
export interface NftOtherStatement {
  kind: 'other';
  span: Span;
}

export type NftStatement =
  | NftTable
  | NftChain
  | NftRule
  | NftSet
  | NftElementsCommand
  | NftDefine
  | NftInclude
  | NftOtherStatement;

export interface NftFile {
  statements: NftStatement[];
}
