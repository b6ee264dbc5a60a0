// Short plain-text summaries of registry data, for outline details and hover headings.
import type { RegistryData, RegistryDataType } from '../../parsers/common/model';
import { hexDword } from './markdown';

const MAX_TEXT = 40;

function shorten(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** `0x0000e88c (59532)` for numbers, the text for strings, a byte count for binary data. */
export function summarizeData(type: RegistryDataType | undefined, data: RegistryData): string {
  switch (data.kind) {
    case 'number':
      return type === 'REG_QWORD' ? `0x${data.value.toString(16).padStart(16, '0')} (${data.value})` : `${hexDword(data.value)} (${data.value})`;
    case 'string':
      return `"${shorten(data.value)}"`;
    case 'strings':
      return shorten(data.value.join(', '));
    case 'bytes':
      return data.value.length === 1 ? '1 byte' : `${data.value.length} bytes`;
    case 'invalid':
      return '(invalid data)';
  }
}

/** `REG_DWORD 0x0000e88c (59532)`, or `deleted` for a `"name"=-` line. */
export function describeValue(type: RegistryDataType | undefined, data: RegistryData, deleted: boolean): string {
  if (deleted) return 'deleted';
  return type === undefined ? summarizeData(type, data) : `${type} ${summarizeData(type, data)}`;
}
