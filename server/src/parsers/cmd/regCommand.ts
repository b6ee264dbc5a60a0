// `reg add` / `reg delete` argument parsing, shared by cmd scripts and PowerShell scripts
// (both hand over the arguments reg.exe would receive, with their spans).
import type {
  OffsetEdit,
  ParseProblem,
  RegistryData,
  RegistryDataType,
  RegistryWrite,
  Span,
} from '../common/model';
import { replaceArgument, type NativeArg } from './nativeArg';

export interface RegCommand {
  operation: 'add' | 'delete';
  span: Span;
  key: NativeArg | undefined;
  /** The argument after `/v`, or the `/ve` switch itself for the default value. */
  name: NativeArg | undefined;
  defaultValue: boolean;
  /** The argument after `/t`. */
  type: NativeArg | undefined;
  /** The argument after `/d`. */
  data: NativeArg | undefined;
  /** The value written, when the command names one (`reg add <key>` alone only creates the key). */
  write: RegistryWrite | undefined;
}

const HIVES: Record<string, string> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKU: 'HKEY_USERS',
  HKCC: 'HKEY_CURRENT_CONFIG',
};
const FULL_HIVES = new Set(Object.values(HIVES));

/** `HKLM\X` → `HKEY_LOCAL_MACHINE\X`; a remote `\\host\` prefix is dropped; other text is kept. */
export function expandRegistryHive(path: string): string {
  let rest = path;
  if (rest.startsWith('\\\\')) {
    const slash = rest.indexOf('\\', 2);
    rest = slash < 0 ? '' : rest.slice(slash + 1);
  }
  const slash = rest.indexOf('\\');
  const hive = (slash < 0 ? rest : rest.slice(0, slash)).toUpperCase();
  const tail = slash < 0 ? '' : rest.slice(slash);
  const full = HIVES[hive] ?? (FULL_HIVES.has(hive) ? hive : undefined);
  const expanded = full === undefined ? rest : full + tail;
  let end = expanded.length;
  while (end > 0 && expanded[end - 1] === '\\') end--;
  return expanded.slice(0, end);
}

/** `keyPath` (full hive name) written the way `original` writes its hive: abbreviated or not. */
export function hiveStyledLike(original: string, keyPath: string): string {
  const slash = keyPath.indexOf('\\');
  const hive = slash < 0 ? keyPath : keyPath.slice(0, slash);
  const abbreviation = Object.keys(HIVES).find((short) => HIVES[short] === hive.toUpperCase());
  const originalHive = original.slice(0, Math.max(0, original.indexOf('\\'))).toUpperCase();
  if (abbreviation !== undefined && originalHive in HIVES) return abbreviation + keyPath.slice(hive.length);
  return keyPath;
}

const REG_TYPES: Record<string, RegistryDataType> = {
  REG_SZ: 'REG_SZ',
  REG_EXPAND_SZ: 'REG_EXPAND_SZ',
  REG_MULTI_SZ: 'REG_MULTI_SZ',
  REG_DWORD: 'REG_DWORD',
  REG_DWORD_LITTLE_ENDIAN: 'REG_DWORD',
  REG_QWORD: 'REG_QWORD',
  REG_QWORD_LITTLE_ENDIAN: 'REG_QWORD',
  REG_BINARY: 'REG_BINARY',
  REG_NONE: 'REG_NONE',
  REG_DWORD_BIG_ENDIAN: 'REG_OTHER',
};

/** Decimal or `0x` hexadecimal, as reg.exe accepts for REG_DWORD / REG_QWORD data. */
export function parseRegInteger(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^0x[0-9a-f]{1,16}$/i.test(trimmed)) return parseInt(trimmed.slice(2), 16);
  if (/^[0-9]{1,20}$/.test(trimmed)) return Number(trimmed);
  return undefined;
}

function regData(type: RegistryDataType, data: string, separator: string): RegistryData {
  switch (type) {
    case 'REG_DWORD':
    case 'REG_QWORD': {
      const value = parseRegInteger(data);
      return value === undefined ? { kind: 'invalid' } : { kind: 'number', value };
    }
    case 'REG_MULTI_SZ':
      return { kind: 'strings', value: data === '' ? [] : data.split(separator) };
    case 'REG_BINARY': {
      if (data.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(data)) return { kind: 'invalid' };
      const bytes: number[] = [];
      for (let i = 0; i < data.length; i += 2) bytes.push(parseInt(data.slice(i, i + 2), 16));
      return { kind: 'bytes', value: bytes };
    }
    case 'REG_OTHER':
      return { kind: 'invalid' };
    default:
      return { kind: 'string', value: data };
  }
}

function isSwitch(arg: NativeArg): boolean {
  return arg.value.startsWith('/') || arg.value.startsWith('-');
}

function spanOf(arg: NativeArg): Span {
  return arg.literal?.contentSpan ?? arg.span;
}

/**
 * Reads `reg add|delete <key> [/v name | /ve] [/t type] [/s sep] [/d data] [/f]`.
 * `args` are the arguments after `reg`; other operations (query, import…) give no command.
 */
export function parseRegCommand(
  args: readonly NativeArg[],
  statementSpan: Span,
  problemCode: string,
): { command: RegCommand | undefined; problems: ParseProblem[] } {
  const operation = args[0]?.value.toLowerCase();
  if (operation !== 'add' && operation !== 'delete') return { command: undefined, problems: [] };
  const problems: ParseProblem[] = [];
  const command: RegCommand = {
    operation,
    span: statementSpan,
    key: undefined,
    name: undefined,
    defaultValue: false,
    type: undefined,
    data: undefined,
    write: undefined,
  };
  let separator = '\\0';
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    if (!isSwitch(arg)) {
      command.key ??= arg;
      continue;
    }
    const option = arg.value.slice(1).toLowerCase();
    const takesValue = option === 'v' || option === 't' || option === 'd' || option === 's';
    if (!takesValue) {
      if (option === 've') {
        command.name = arg;
        command.defaultValue = true;
      }
      continue;
    }
    const next = args[i + 1];
    if (next === undefined) {
      problems.push({ ...arg.span, code: problemCode, message: `reg ${operation}: ${arg.value} needs a value after it.` });
      continue;
    }
    i++;
    if (option === 'v') command.name = next;
    else if (option === 't') command.type = next;
    else if (option === 'd') command.data = next;
    else separator = next.value;
  }
  if (command.key === undefined) {
    problems.push({ ...args[0].span, code: problemCode, message: `reg ${operation} needs a registry key.` });
    return { command, problems };
  }
  if (command.name === undefined) return { command, problems };

  const name = command.name;
  const keyPath = expandRegistryHive(command.key.value);
  const nameSpan = spanOf(name);
  if (operation === 'delete') {
    command.write = {
      keyPath,
      keySpan: spanOf(command.key),
      valueName: command.defaultValue ? '' : name.value,
      nameSpan,
      type: undefined,
      data: { kind: 'invalid' },
      dataSpan: name.span,
      statementSpan,
      deleted: true,
    };
    return { command, problems };
  }
  let type: RegistryDataType = 'REG_SZ';
  if (command.type !== undefined) {
    const known = REG_TYPES[command.type.value.toUpperCase()];
    if (known === undefined) {
      problems.push({
        ...spanOf(command.type),
        code: problemCode,
        message: `Unknown registry type '${command.type.value}' (expected REG_SZ, REG_DWORD, REG_QWORD, REG_EXPAND_SZ, REG_MULTI_SZ, REG_BINARY or REG_NONE).`,
      });
    }
    type = known ?? 'REG_OTHER';
  }
  const lastArg = args[args.length - 1];
  const data = command.data;
  command.write = {
    keyPath,
    keySpan: spanOf(command.key),
    valueName: command.defaultValue ? '' : name.value,
    nameSpan,
    type,
    data: regData(type, data?.value ?? '', separator),
    dataSpan: data === undefined ? { start: lastArg.span.end, end: lastArg.span.end } : (data.literal?.span ?? data.span),
    statementSpan,
    deleted: false,
  };
  return { command, problems };
}

/** Editors find a write's command by its position, so that a copy of a write still works. */
export function registryWriteKey(write: RegistryWrite): string {
  return `${write.statementSpan.start}:${write.nameSpan.start}:${write.keySpan.start}`;
}

/** Drops edits that would leave the text as it is, so a fix never shows an empty change. */
export function withoutNoOps(text: string, edits: OffsetEdit[]): OffsetEdit[] {
  return edits.filter((edit) => text.slice(edit.start, edit.end) !== edit.newText);
}

function insertAt(offset: number, newText: string): OffsetEdit {
  return { start: offset, end: offset, newText };
}

/** Edits that make a `reg add` write `value` as `type`: rewrite or add `/t` and `/d`. */
export function regSetValueEdits(command: RegCommand, type: 'REG_DWORD' | 'REG_SZ', value: number): OffsetEdit[] {
  if (command.operation !== 'add' || command.name === undefined) return [];
  const edits: OffsetEdit[] = [];
  let missing = '';
  if (command.type === undefined) missing += ` /t ${type}`;
  else edits.push(replaceArgument(command.type, type));
  if (command.data === undefined) missing += ` /d ${value}`;
  else edits.push(replaceArgument(command.data, String(value)));
  if (missing !== '') edits.push(insertAt(command.name.span.end, missing));
  return edits;
}

/** Edits that point a `reg add|delete` at `keyPath`, keeping the hive style and quotes. */
export function regMoveToKeyEdits(command: RegCommand, keyPath: string): OffsetEdit[] {
  const key = command.key;
  if (key === undefined) return [];
  return [replaceArgument(key, hiveStyledLike(key.value, keyPath))];
}
