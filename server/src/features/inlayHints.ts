// Inlay hints: the decimal value after hex data that holds a port (`dword:0000e88c` = 59532), so
// nobody has to convert in their head. Only for values the catalog says hold a port, by their key or
// (for a value written under the wrong key) by their name: a flag or a timeout in hex needs no hint.
import type { InlayHint } from 'vscode-languageserver-types';
import { registrySetting, registrySettingsNamed } from '../catalog';
import type { Span } from '../parsers/common/model';
import type { RegFile } from '../parsers/reg/ast';
import type { AnalyzedDocument, Settings } from '../service/types';
import { hexDword } from './format/markdown';

export function inlayHints(doc: AnalyzedDocument, range: Span, settings: Settings): InlayHint[] {
  if (!settings.inlayHints) return [];
  switch (doc.syntax.format) {
    case 'reg':
      return regHints(doc, doc.syntax.tree, range);
    default:
      return [];
  }
}

function holdsPort(keyPath: string, valueName: string): boolean {
  const setting = registrySetting(keyPath, valueName);
  return setting ? setting.holdsPort : registrySettingsNamed(valueName).some((candidate) => candidate.holdsPort);
}

function regHints(doc: AnalyzedDocument, tree: RegFile, range: Span): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const key of tree.keys) {
    if (key.span.end < range.start || key.span.start > range.end) continue;
    for (const value of key.values) {
      const { data, dataSpan } = value;
      if (value.type !== 'REG_DWORD' || data.kind !== 'number' || dataSpan.end < range.start || dataSpan.end > range.end) continue;
      if (!holdsPort(key.path, value.name)) continue;
      hints.push({
        position: doc.textDocument.positionAt(dataSpan.end),
        label: `= ${data.value}`,
        paddingLeft: true,
        tooltip: `${hexDword(data.value)} = ${data.value}`,
      });
    }
  }
  return hints;
}
