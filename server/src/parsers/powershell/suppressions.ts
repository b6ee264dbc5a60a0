// `[Diagnostics.CodeAnalysis.SuppressMessageAttribute('exchange-ports/<rule-id>', '')]` on a
// `param()` block silences that rule in the script or function the block belongs to — the
// attribute PSScriptAnalyzer users already write. `('exchange-ports', '<rule-id>')` works too,
// and `('exchange-ports', '')` silences every rule.
import type { ScopedSuppression, Span } from '../common/model';
import type { PsScript, PsScriptBlock, PsStatement, PsValue } from './ast';

const ATTRIBUTE = /^\[\s*(?:System\.)?(?:Diagnostics\.CodeAnalysis\.)?SuppressMessage(?:Attribute)?\s*\(/i;
const CATEGORY = 'exchange-ports';

/** The rule an attribute names: a rule id, undefined for every rule, or null when it is not ours. */
function suppressedRule(text: string, value: PsValue): string | undefined | null {
  if (value.kind !== 'other' || !ATTRIBUTE.test(text.slice(value.span.start, value.span.end))) return null;
  const [category, checkId] = value.children.map((child) => (child.kind === 'string' ? child.value : undefined));
  const lower = category?.toLowerCase();
  if (lower?.startsWith(`${CATEGORY}/`)) return lower.slice(CATEGORY.length + 1);
  if (lower !== CATEGORY) return null;
  return checkId === undefined || checkId.trim() === '' ? undefined : checkId.trim().toLowerCase();
}

function attributeOf(statement: PsStatement): PsValue | undefined {
  if (statement.kind !== 'pipeline' || statement.elements.length !== 1) return undefined;
  const [only] = statement.elements;
  return only.kind === 'expression' ? only.value : undefined;
}

const NONE: ScopedSuppression[] = [];

/** Attributes leading a statement list, when a `param()` block follows them; most lists have none. */
function leadingSuppressions(text: string, statements: readonly PsStatement[], scope: Span): ScopedSuppression[] {
  let leading: ScopedSuppression[] | undefined;
  for (const statement of statements) {
    if (statement.kind === 'block' && statement.keyword === 'param') return leading ?? NONE;
    const attribute = attributeOf(statement);
    if (attribute === undefined || attribute.kind !== 'other') return NONE;
    const rule = suppressedRule(text, attribute);
    if (rule !== null) (leading ??= []).push({ ruleId: rule, span: scope });
  }
  return NONE;
}

/** What the script's own `param()` block leads with. */
export function scriptSuppressions(script: PsScript): ScopedSuppression[] {
  return leadingSuppressions(script.text, script.statements, { start: 0, end: script.text.length });
}

/** What a script block's `param()` block (a function's, say) leads with. */
export function blockSuppressions(text: string, block: PsScriptBlock): ScopedSuppression[] {
  return leadingSuppressions(text, block.statements, block.span);
}
