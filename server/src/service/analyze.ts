// Picks the parser for a document's language and wraps its result as an AnalyzedDocument.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { emptyModel } from '../parsers/common/model';
import { detectEol } from '../parsers/common/text';
import { buildCmdModel } from '../parsers/cmd/model';
import { buildIptablesModel } from '../parsers/iptables/model';
import { buildNftablesModel } from '../parsers/nftables/model';
import { buildPowerShellModel } from '../parsers/powershell/model';
import { buildRegModel } from '../parsers/reg/model';
import { isBinary } from '../rules/binary-content';
import type { AnalyzedDocument, FormatSyntax, LanguageId } from './types';

export const SUPPORTED_LANGUAGES: readonly LanguageId[] = ['reg', 'powershell', 'bat', 'iptables', 'nftables'];

export function isSupportedLanguage(languageId: string): languageId is LanguageId {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(languageId);
}

export function analyzeDocument(textDocument: TextDocument, log: (message: string) => void): AnalyzedDocument {
  const text = textDocument.getText();
  const languageId = textDocument.languageId as LanguageId;
  const base = { textDocument, languageId, text, eol: detectEol(text) };
  // Binary content is not parsed: only `binary-content` reports on it.
  if (isBinary(text)) return { ...base, model: emptyModel(), syntax: { format: 'unparsed' } };
  try {
    switch (languageId) {
      case 'reg': {
        const { tree, model } = buildRegModel(text);
        return { ...base, model, syntax: { format: 'reg', tree } };
      }
      case 'powershell': {
        const { script, model } = buildPowerShellModel(text);
        return { ...base, model, syntax: { format: 'powershell', tree: script } };
      }
      case 'bat': {
        const { script, model } = buildCmdModel(text);
        return { ...base, model, syntax: { format: 'bat', tree: script } };
      }
      case 'iptables': {
        const { tree, model, firewall } = buildIptablesModel(text);
        return { ...base, model: { ...model, firewall }, syntax: { format: 'iptables', tree } };
      }
      case 'nftables': {
        const { tree, model, firewall } = buildNftablesModel(text);
        return { ...base, model: { ...model, firewall }, syntax: { format: 'nftables', tree } };
      }
      default:
        return { ...base, model: emptyModel(), syntax: { format: 'unparsed' } };
    }
  } catch (error) {
    // A parser bug must cost the user this file's findings, not the server.
    log(`Parser for ${languageId} failed on ${textDocument.uri}: ${describeError(error)}`);
    const syntax: FormatSyntax = { format: 'unparsed' };
    return { ...base, model: emptyModel(), syntax };
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
