// The floor every figure is compared with: read the bytes, decode them, split them into lines with
// one regular expression and test each line once with another. No checker can do less and still
// look at every line; run as a script it is the same work in a fresh process (the CLI's floor).
import { readFileSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { fileURLToPath } from 'node:url';

/** What a line-oriented reader minimally asks of a line: what it starts with. */
const LINE_KIND = /^[ \t]*([[";@#-]|$)/;

/** Returns how many lines matched, so that no engine can skip the work. */
export function floor(file) {
  const bytes = readFileSync(file);
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
  const text = new TextDecoder(utf16 ? 'utf-16le' : 'utf-8').decode(bytes);
  let matched = 0;
  for (const line of text.split(/\r\n|\n|\r/)) if (LINE_KIND.test(line)) matched++;
  return matched;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${floor(process.argv[2])}\n`);
}
