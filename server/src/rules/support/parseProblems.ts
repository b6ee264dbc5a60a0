// Syntax rules surface what the parser found; this keeps each of them to its id and doc.
import type { AnalyzedDocument, Finding } from '../../service/types';

export function* problemsWithCode(doc: AnalyzedDocument, code: string): Iterable<Finding> {
  for (const problem of doc.model.problems) {
    if (problem.code !== code) continue;
    yield { ruleId: code, start: problem.start, end: problem.end, message: problem.message, ...(problem.fixes ? { fixes: problem.fixes } : {}) };
  }
}
