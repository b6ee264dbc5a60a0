// The text VS Code inserts for a snippet body when every placeholder keeps its default: the
// expected result of inserting a snippet, read from the snippets file rather than restated.

/** `${1:default}` → default, `${1|a,b|}` → a, `$1` / `${1}` / `$0` → nothing, `\$` `\}` `\\` → the character. */
export function snippetText(body: string | string[], eol = '\n'): string {
  const source = Array.isArray(body) ? body.join(eol) : body;
  let index = 0;

  const parse = (stopAt: string | undefined): string => {
    let out = '';
    while (index < source.length) {
      const char = source[index];
      if (stopAt !== undefined && char === stopAt) return out;
      if (char === '\\' && index + 1 < source.length && '$}\\,|'.includes(source[index + 1])) {
        out += source[index + 1];
        index += 2;
      } else if (char === '$' && /\d/.test(source[index + 1] ?? '')) {
        index += /^\d+/.exec(source.slice(index + 1))![0].length + 1;
      } else if (char === '$' && source[index + 1] === '{') {
        out += placeholder();
      } else {
        out += char;
        index++;
      }
    }
    return out;
  };

  const placeholder = (): string => {
    const head = /^\$\{(\d+|[A-Z_]+)(.?)/.exec(source.slice(index));
    if (!head) throw new Error(`unsupported snippet syntax at ${index}: ${source.slice(index, index + 20)}`);
    index += head[0].length;
    const [, , next] = head;
    if (next === '}') return '';
    if (next === ':') {
      const text = parse('}');
      index++;
      return text;
    }
    if (next === '|') {
      const end = source.indexOf('|}', index);
      const first = source.slice(index, end).split(',')[0];
      index = end + 2;
      return first;
    }
    throw new Error(`unsupported snippet syntax at ${index}`);
  };

  return parse(undefined);
}
