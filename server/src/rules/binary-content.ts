// binary-content (information): NUL characters in a document's text mean it is not text (UTF-16
// files arrive decoded by the editor or the CLI, without NULs): it is not parsed, and this says why
// it shows no other finding. The CLI skips such files before they become documents.
import { defineRule } from '../service/types';

export const BINARY_CONTENT = 'binary-content';

export function isBinary(text: string): boolean {
  return text.includes('\u0000');
}

export default defineRule({
  id: BINARY_CONTENT,
  defaultSeverity: 'information',
  appliesTo: ['reg', 'powershell', 'bat', 'iptables', 'nftables'],
  description: 'Binary content (NUL characters): the file is not checked.',
  *check(doc) {
    const nul = doc.text.indexOf('\u0000');
    if (nul < 0) return;
    yield { ruleId: BINARY_CONTENT, start: nul, end: nul + 1, message: 'This file holds NUL characters: binary content, not checked.' };
  },
});
