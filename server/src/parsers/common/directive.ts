// The role directive: a comment that says which Exchange server a firewall file protects,
//   # exchange-ports: role=edge-transport version=2016
// in whatever comment syntax the format has (the parsers hand over comment text without its
// marker). Reading it is pure text work; which roles and versions exist is the catalog's
// business, so the values are returned as written and checked by the rules.
import type { Comment, Span } from './model';

const DIRECTIVE = /^(\s*)exchange-ports:/i;

/** A `key=value` pair of the directive, where each part is written. */
export interface DirectiveSetting {
  key: string;
  value: string;
  /** The whole `key=value`. */
  span: Span;
  valueSpan: Span;
}

export interface RoleDirective {
  /** The whole comment, marker included: where findings about the role are reported. */
  span: Span;
  role?: DirectiveSetting;
  version?: DirectiveSetting;
  /** Pairs with another key, and words without `=`, for a message. */
  unknown: DirectiveSetting[];
}

/** Every `exchange-ports:` comment of the document, in document order. */
export function readRoleDirectives(text: string, comments: readonly Comment[]): RoleDirective[] {
  const directives: RoleDirective[] = [];
  for (const comment of comments) {
    const head = DIRECTIVE.exec(comment.text);
    if (!head) continue;
    // The comment's text is the tail of its source (after `#`, `;`, `REM`) or the inside of
    // quotes (`--comment "…"`): find it there to know where each word is written.
    const source = text.slice(comment.span.start, comment.span.end);
    const at = source.lastIndexOf(comment.text);
    const base = at >= 0 ? comment.span.start + at : undefined;
    const directive: RoleDirective = { span: comment.span, unknown: [] };
    const body = comment.text.slice(head[0].length);
    for (const word of body.matchAll(/[^\s,]+/g)) {
      const start = head[0].length + word.index;
      const equals = word[0].indexOf('=');
      const key = equals < 0 ? word[0] : word[0].slice(0, equals).toLowerCase();
      const value = equals < 0 ? '' : word[0].slice(equals + 1);
      const span = base === undefined ? comment.span : { start: base + start, end: base + start + word[0].length };
      const valueSpan = base === undefined || equals < 0 ? span : { start: span.start + equals + 1, end: span.end };
      const setting: DirectiveSetting = { key, value, span, valueSpan };
      if (key === 'role' && !directive.role) directive.role = setting;
      else if (key === 'version' && !directive.version) directive.version = setting;
      else directive.unknown.push(setting);
    }
    directives.push(directive);
  }
  return directives;
}
