// The syntax tree of an iptables-save / iptables-restore file, one node per logical line.
// Lines of a shell script (`iptables -A INPUT ...`) read the same way, so a hand-written
// `*.iptables` script and `/etc/iptables/rules.v4` share one parser.
import type { Span } from '../common/model';

/** A word of a line, quotes removed from `text`. */
export interface IptablesToken {
  text: string;
  span: Span;
  quoted: boolean;
}

/** `-p tcp`, `! --dport 25`, `-s ! 10.0.0.0/8`, `--tcp-flags SYN,ACK SYN`. */
export interface IptablesOption {
  /** As written: `-p`, `--dport`. */
  name: string;
  nameSpan: Span;
  /** Either `! --dport 25` or the old `--dport ! 25`. */
  negated: boolean;
  args: IptablesToken[];
  /** From the `!` (when first) to the last argument. */
  span: Span;
}

export interface IptablesComment {
  kind: 'comment';
  span: Span;
  /** Without the `#`. */
  text: string;
}

/** `*filter` */
export interface IptablesTableHeader {
  kind: 'table';
  span: Span;
  name: string;
  nameSpan: Span;
}

/** `:INPUT DROP [0:0]`; policy `-` for a user chain. */
export interface IptablesChainDeclaration {
  kind: 'chain';
  span: Span;
  name: string;
  nameSpan: Span;
  policy: string;
  policySpan: Span;
}

export interface IptablesCommit {
  kind: 'commit';
  span: Span;
}

/**
 * `-A INPUT ...`, `-N CHAIN`, `-P INPUT DROP`, `iptables -t nat -A ...`. The words are not kept:
 * `readCommand` reads the command and its options again from the line when asked, so a file of
 * 10,000 rules keeps one small node per line instead of an object per word.
 */
export interface IptablesCommand {
  kind: 'command';
  span: Span;
  /** The command as written: `-A`, `--append`, `-I`, `-N`, `-P`, ... */
  name: string;
  /** Set by `-t`; otherwise the table of the enclosing `*table` header (or filter). */
  table: string | undefined;
  /** `iptables`, `ip6tables`, ... when the line is a shell command. */
  program: string | undefined;
}

/** A line the parser could not read; the problem is reported with the same span. */
export interface IptablesInvalidLine {
  kind: 'invalid';
  span: Span;
}

export type IptablesLine =
  | IptablesComment
  | IptablesTableHeader
  | IptablesChainDeclaration
  | IptablesCommit
  | IptablesCommand
  | IptablesInvalidLine;

export interface IptablesFile {
  lines: IptablesLine[];
}
