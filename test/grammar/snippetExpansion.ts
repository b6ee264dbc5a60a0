// The text a VS Code snippet inserts when the user accepts every default: a placeholder keeps its
// default (and a bare `$1` mirrors it), a choice takes its first option, other tab stops and
// variables insert nothing or their default. Pure, so any test can expand snippets/*.json.

export interface Snippet {
  prefix: string | readonly string[];
  body: string | readonly string[];
  description?: string;
}

type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children: SnippetNode[] | undefined }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children: SnippetNode[] | undefined };

/** Lines of a body are joined with `\n`, as VS Code does before it adapts them to the document's EOL. */
export function expandSnippet(body: Snippet['body']): string {
  const nodes = new SnippetParser(typeof body === 'string' ? body : body.join('\n')).parse();
  const defaults = new Map<number, string>();
  collectDefaults(nodes, defaults);
  return render(nodes, defaults);
}

function collectDefaults(nodes: SnippetNode[], defaults: Map<number, string>): void {
  for (const node of nodes) {
    if (node.kind === 'tabstop' && node.children) {
      collectDefaults(node.children, defaults);
      if (!defaults.has(node.index)) defaults.set(node.index, render(node.children, defaults));
    } else if (node.kind === 'choice' && !defaults.has(node.index)) {
      defaults.set(node.index, node.options[0] ?? '');
    } else if (node.kind === 'variable' && node.children) {
      collectDefaults(node.children, defaults);
    }
  }
}

function render(nodes: SnippetNode[], defaults: Map<number, string>): string {
  return nodes
    .map((node) => {
      switch (node.kind) {
        case 'text':
          return node.value;
        case 'tabstop':
        case 'choice':
          return defaults.get(node.index) ?? '';
        case 'variable':
          return node.children ? render(node.children, defaults) : '';
      }
    })
    .join('');
}

class SnippetParser {
  private position = 0;

  constructor(private readonly source: string) {}

  parse(): SnippetNode[] {
    const nodes = this.parseUntilClosingBrace(false);
    if (this.position < this.source.length) throw new Error(`Unexpected '}' at ${this.position} in snippet: ${this.source}`);
    return nodes;
  }

  /** Reads text and elements up to the end, or up to the `}` that closes a nested placeholder. */
  private parseUntilClosingBrace(nested: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flushText = () => {
      if (text !== '') nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.position < this.source.length) {
      const c = this.source[this.position];
      if (c === '\\') {
        text += this.escaped('$}\\');
      } else if (c === '}' && nested) {
        break;
      } else if (c === '$') {
        const element = this.parseElement();
        if (typeof element === 'string') {
          text += element;
        } else {
          flushText();
          nodes.push(element);
        }
      } else {
        text += c;
        this.position++;
      }
    }
    flushText();
    return nodes;
  }

  /** `\` escapes only the listed characters; before anything else it is a literal backslash. */
  private escaped(escapable: string): string {
    const next = this.source[this.position + 1];
    if (next !== undefined && escapable.includes(next)) {
      this.position += 2;
      return next;
    }
    this.position++;
    return '\\';
  }

  /** At a `$`: a tab stop, placeholder, choice or variable, or a literal `$` when none follows. */
  private parseElement(): SnippetNode | string {
    const start = this.position;
    this.position++;
    const bare = /^(?:(\d+)|([A-Za-z_][A-Za-z0-9_]*))/.exec(this.source.slice(this.position));
    if (bare) {
      this.position += bare[0].length;
      return bare[1] !== undefined
        ? { kind: 'tabstop', index: Number(bare[1]), children: undefined }
        : { kind: 'variable', name: bare[2], children: undefined };
    }
    const braced = /^\{(?:(\d+)|([A-Za-z_][A-Za-z0-9_]*))([}:|/])/.exec(this.source.slice(this.position));
    if (!braced) return '$';
    this.position += braced[0].length;
    const [, index, name, separator] = braced;
    if (separator === '/') throw new Error(`Snippet transforms are not supported: ${this.source.slice(start)}`);
    if (separator === '|') {
      if (index === undefined) throw new Error(`A choice needs a tab stop number: ${this.source.slice(start)}`);
      return { kind: 'choice', index: Number(index), options: this.parseChoiceOptions() };
    }
    let children: SnippetNode[] | undefined;
    if (separator === ':') {
      children = this.parseUntilClosingBrace(true);
      if (this.source[this.position] !== '}') throw new Error(`Unclosed placeholder: ${this.source.slice(start)}`);
      this.position++;
    }
    return index !== undefined ? { kind: 'tabstop', index: Number(index), children } : { kind: 'variable', name, children };
  }

  private parseChoiceOptions(): string[] {
    const options: string[] = [];
    let option = '';
    while (this.position < this.source.length) {
      const c = this.source[this.position];
      if (c === '\\') {
        option += this.escaped('$}\\,|');
      } else if (c === ',') {
        options.push(option);
        option = '';
        this.position++;
      } else if (c === '|' && this.source[this.position + 1] === '}') {
        options.push(option);
        this.position += 2;
        return options;
      } else {
        option += c;
        this.position++;
      }
    }
    throw new Error(`Unclosed choice in snippet: ${this.source}`);
  }
}
