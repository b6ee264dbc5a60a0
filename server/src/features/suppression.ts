// Suppression comments, in whatever comment syntax the format has:
//   exchange-ports-disable-next-line <rule-id>[, <rule-id>…]   the next line only
//   exchange-ports-disable <rule-id>…                          from here to the end of the file
//   exchange-ports-enable <rule-id>…                           ends a `disable`
// Without rule ids they apply to every rule. Formats may also suppress in code (PowerShell's
// SuppressMessageAttribute): their parsers hand those over as spans.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Comment, ScopedSuppression } from '../parsers/common/model';
import type { Finding } from '../service/types';

const DIRECTIVE = /^\s*exchange-ports-(disable-next-line|disable|enable)\b([^]*)$/;

interface LineSuppression {
  line: number;
  rules: Set<string> | 'all';
}

interface RangeSuppression {
  fromLine: number;
  toLine: number;
  rules: Set<string> | 'all';
}

export interface Suppressions {
  isSuppressed(finding: Finding): boolean;
}

export function collectSuppressions(comments: Comment[], document: TextDocument, scoped: readonly ScopedSuppression[] = []): Suppressions {
  const lines: LineSuppression[] = [];
  const ranges: RangeSuppression[] = [];
  const open = new Map<string, number>();
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const ids = match[2]
      .split(/[\s,]+/)
      .map((id) => id.replace(/^exchange-ports\//, ''))
      .filter((id) => /^[a-z0-9-]+$/.test(id));
    const rules: Set<string> | 'all' = ids.length === 0 ? 'all' : new Set(ids);
    const line = document.positionAt(comment.span.start).line;
    if (match[1] === 'disable-next-line') {
      lines.push({ line: line + 1, rules });
    } else if (match[1] === 'disable') {
      for (const id of ids.length === 0 ? ['*'] : ids) if (!open.has(id)) open.set(id, line);
    } else {
      for (const id of ids.length === 0 ? [...open.keys()] : ids) {
        const fromLine = open.get(id);
        if (fromLine === undefined) continue;
        ranges.push({ fromLine, toLine: line, rules: id === '*' ? 'all' : new Set([id]) });
        open.delete(id);
      }
    }
  }
  for (const [id, fromLine] of open) ranges.push({ fromLine, toLine: Number.MAX_SAFE_INTEGER, rules: id === '*' ? 'all' : new Set([id]) });
  const covers = (rules: Set<string> | 'all', id: string) => rules === 'all' || rules.has(id);
  return {
    isSuppressed(finding) {
      if (scoped.some((entry) => (entry.ruleId === undefined || entry.ruleId === finding.ruleId) && entry.span.start <= finding.start && finding.start < entry.span.end)) {
        return true;
      }
      if (lines.length === 0 && ranges.length === 0) return false;
      const line = document.positionAt(finding.start).line;
      return (
        lines.some((entry) => entry.line === line && covers(entry.rules, finding.ruleId)) ||
        ranges.some((entry) => line >= entry.fromLine && line <= entry.toLine && covers(entry.rules, finding.ruleId))
      );
    },
  };
}
