// The PowerShell syntax tree: statements, pipelines and commands, with every span.
// It keeps what the rules need (commands, their parameters and arguments, literal
// assignments) and treats other expressions as opaque nodes that still hold their children.
import type { Comment, ParseProblem, Span } from '../common/model';

export type PsQuote = 'none' | 'single' | 'double' | 'hereSingle' | 'hereDouble';

export type PsStringPart =
  | { kind: 'text'; value: string; span: Span }
  | { kind: 'variable'; variable: PsVariable }
  /** `$(...)` inside a string, or `$x.Name`/`$x[0]` starting a bareword argument. */
  | { kind: 'expression'; value: PsValue };

/** A string, quoted or not: a bareword argument (`DWord`, `HKLM:\X`, `name="a b"`) is a string too. */
export interface PsString {
  kind: 'string';
  span: Span;
  /** The text between the quotes (the whole span for a bareword). */
  contentSpan: Span;
  quote: PsQuote;
  parts: PsStringPart[];
  /** The value when no part needs expanding. */
  value: string | undefined;
}

export interface PsNumber {
  kind: 'number';
  span: Span;
  value: number;
  text: string;
}

export interface PsVariable {
  kind: 'variable';
  span: Span;
  /** Lower-cased, without the `script:`/`global:`/`local:`/`private:`/`using:` scope; `env:` stays. */
  name: string;
  /** Simple member accesses after the name: `$config.Rpc.Port` → ['rpc', 'port'] (lower-cased). */
  members: string[];
}

export interface PsArray {
  kind: 'array';
  span: Span;
  items: PsValue[];
}

export interface PsHashEntry {
  key: string;
  keySpan: Span;
  /** The entry's value when it is a plain expression (not a command). */
  value: PsValue | undefined;
  statement: PsStatement | undefined;
  span: Span;
}

export interface PsHashtable {
  kind: 'hashtable';
  span: Span;
  entries: PsHashEntry[];
}

export interface PsScriptBlock {
  kind: 'scriptblock';
  span: Span;
  statements: PsStatement[];
}

/** `$( )`, `@( )` and `( )`: statements whose output is the value. */
export interface PsSubexpression {
  kind: 'subexpression';
  span: Span;
  opener: '$(' | '@(' | '(';
  statements: PsStatement[];
}

/** `[Type]::Member`: enough to read `[Microsoft.Win32.RegistryValueKind]::DWord`. */
export interface PsStaticMember {
  kind: 'staticMember';
  span: Span;
  typeName: string;
  member: string;
}

/** Any other expression (operators, casts, method calls): kept for the commands inside it. */
export interface PsOtherExpression {
  kind: 'other';
  span: Span;
  children: PsValue[];
  /** A cast (`[int]$port`, `[string]59532`): the type as written between the brackets; the children are the type and the value. */
  cast?: string;
}

export type PsValue =
  | PsString
  | PsNumber
  | PsVariable
  | PsArray
  | PsHashtable
  | PsScriptBlock
  | PsSubexpression
  | PsStaticMember
  | PsOtherExpression;

export interface PsParameter {
  kind: 'parameter';
  /** Without the dash, as written. */
  name: string;
  /** The `-Name` token. */
  nameSpan: Span;
  /** Undefined for a switch (`-Force`). */
  value: PsValue | undefined;
  /** True for `-Name:value`. */
  colon: boolean;
  span: Span;
}

export interface PsArgument {
  kind: 'argument';
  value: PsValue;
  span: Span;
}

/** `@params`: the named parameters of a hashtable (or positional arguments of an array). */
export interface PsSplat {
  kind: 'splat';
  /** Lower-cased variable name. */
  name: string;
  span: Span;
}

export type PsCommandElement = PsParameter | PsArgument | PsSplat;

export interface PsCommand {
  kind: 'command';
  span: Span;
  /** The command name as written, unquoted; undefined when it is computed (`& $tool`). */
  name: string | undefined;
  nameSpan: Span;
  /** Lower-cased, without folder, module or `.exe`, aliases resolved: `set-itemproperty`, `reg`. */
  normalizedName: string;
  invocation: 'bare' | 'call' | 'dotSource';
  elements: PsCommandElement[];
  /** True after `--%`: the remaining arguments were taken verbatim. */
  stopParsing: boolean;
}

export interface PsExpressionElement {
  kind: 'expression';
  span: Span;
  value: PsValue;
}

export interface PsPipeline {
  kind: 'pipeline';
  span: Span;
  elements: (PsCommand | PsExpressionElement)[];
}

export interface PsAssignmentStatement {
  kind: 'assignment';
  span: Span;
  target: PsValue;
  operator: string;
  value: PsStatement | undefined;
}

/** if/while/foreach/switch/try/function/param…: conditions and bodies, in source order. */
export interface PsBlockStatement {
  kind: 'block';
  keyword: string;
  span: Span;
  /** Function name, for `function`/`filter`. */
  name: string | undefined;
  children: (PsStatement | PsValue)[];
}

export type PsStatement = PsPipeline | PsAssignmentStatement | PsBlockStatement;

/** One assignment of a plain variable, for resolving `$port` and `@params` later. */
export interface PsAssignment {
  name: string;
  /** The statement (or parameter declaration) that assigns. */
  span: Span;
  /** The assigned expression when it is one; undefined for a command, `+=`, a loop variable. */
  value: PsValue | undefined;
  /**
   * Where the assignment is visible: the script block of a `param()` and the body of a
   * function; undefined for the script scope (`if`/`foreach` bodies do not start a scope).
   */
  scope: Span | undefined;
}

export interface PsScript {
  text: string;
  statements: PsStatement[];
  /** Every command, nested ones included, in source order of their names. */
  commands: PsCommand[];
  /** Every assignment of a variable, in source order. */
  assignments: PsAssignment[];
  /** Every hashtable literal (`@{ LocalPort = 135 }`), nested ones included. */
  hashtables: PsHashtable[];
  comments: Comment[];
  problems: ParseProblem[];
  /** Every pipeline, nested ones included, in source order (an enclosing one first). */
  pipelines: PsPipeline[];
  /** Every assignment statement (`$port = 59532`, `$client.Port = 587`), nested ones included, in source order. */
  assignmentStatements: PsAssignmentStatement[];
  /** Every script block (function bodies, loop bodies, `{ }` arguments), nested ones included, in source order. */
  scriptBlocks: PsScriptBlock[];
}
