// file-too-large (information): a file over `maxFileSize` gets syntax-level checks only — its parse
// (linear) and the syntax rules of its format — so a generated 500 MB export cannot stall the
// editor in cross-key and firewall analyses. The service picks the rules; this rule says so once.
import { defineRule, type Settings } from '../service/types';

export const FILE_TOO_LARGE = 'file-too-large';

const UNITS_PER_MEGABYTE = 1024 * 1024;

/** Sizes count UTF-16 code units: bytes for ASCII text, what the editor holds in memory. */
export function isTooLarge(text: string, settings: Pick<Settings, 'maxFileSize'>): boolean {
  return text.length > settings.maxFileSize * UNITS_PER_MEGABYTE;
}

export default defineRule({
  id: FILE_TOO_LARGE,
  defaultSeverity: 'information',
  appliesTo: ['reg', 'powershell', 'bat', 'iptables', 'nftables'],
  description: 'File larger than `maxFileSize`: only syntax checks run on it.',
  *check(doc, { settings }) {
    if (!isTooLarge(doc.text, settings)) return;
    const megabytes = (doc.text.length / UNITS_PER_MEGABYTE).toFixed(1);
    yield {
      ruleId: FILE_TOO_LARGE,
      start: 0,
      end: 0,
      message: `This file (${megabytes} MB) is larger than maxFileSize (${settings.maxFileSize} MB): only syntax checks run on it.`,
    };
  },
});
