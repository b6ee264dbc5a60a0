// The check every parser result must pass, shared by the parser tests and the robustness suite.
import assert from 'node:assert/strict';

/** Every object of the result with numeric `start` and `end` is a span of `text`. */
export function assertSpansInside(result: unknown, text: string): void {
  const seen = new Set<object>();
  const visit = (value: unknown, path: string): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    const record = value as Record<string, unknown>;
    if (typeof record.start === 'number' && typeof record.end === 'number') {
      const { start, end } = record;
      assert.ok(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length, `${path}: span ${start}-${end} in a text of ${text.length}`);
    }
    for (const [key, child] of Object.entries(record)) {
      // Functions (the model's RegistryEditor) and the text itself hold no spans.
      if (typeof child === 'object') visit(child, `${path}.${key}`);
    }
  };
  visit(result, 'result');
}

