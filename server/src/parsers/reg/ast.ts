// Syntax tree of a Windows Registry Editor (.reg) file. Every node carries its offsets.
import type { RegistryData, RegistryDataType, Span } from '../common/model';

export type RegHeaderKind = 'regedit5' | 'regedit4' | 'invalid';

export interface RegHeader {
  kind: RegHeaderKind;
  span: Span;
}

export interface RegValue {
  /** '' for the default value `@`. */
  name: string;
  /** The name between the quotes, or the `@`. */
  nameSpan: Span;
  /** The type prefix as written (`dword:`, `hex(7):`), absent for strings and deletions. */
  typePrefix: string | undefined;
  typeSpan: Span | undefined;
  /** Undefined for a deletion (`"name"=-`). */
  type: RegistryDataType | undefined;
  data: RegistryData;
  /** Everything after `=` up to the end of the data (continuation lines included). */
  dataSpan: Span;
  /** From the first character of the name to the end of the data. */
  span: Span;
  /** `"name"=-`: the import removes the value. */
  deleted: boolean;
}

export interface RegKey {
  /** Offset of the `[` (= headerSpan.start, without making a span). */
  readonly start: number;
  /** 0-based line of the `[`: where line numbers inside the key are counted from. */
  readonly line: number;
  /** Offset of the start of that line (before any indentation of the `[`). */
  readonly lineStart: number;
  /** The path between the brackets, without the leading `-` of a deletion. */
  path: string;
  /** How long the path's first segment (up to its first `\`) is: the hive as written. */
  readonly hiveLength: number;
  pathSpan: Span;
  /** The bracketed line. */
  headerSpan: Span;
  /** From the bracket to the end of the key's last value. */
  span: Span;
  deleted: boolean;
  values: RegValue[];
}

export interface RegFile {
  header: RegHeader | undefined;
  keys: RegKey[];
}
