// A walk over every statement of a script, nested ones included (function bodies, script
// blocks passed as arguments, `$( )`, conditions and loop bodies), for readers that need more
// than the flat command list: pipelines, or the statement list a `param()` block leads.
import type { Span } from '../common/model';
import type { PsPipeline, PsScript, PsStatement, PsValue } from './ast';

export interface StatementVisitor {
  /** A list of statements with its own scope: the script, or a script block. */
  list?(statements: readonly PsStatement[], scope: Span): void;
  statement?(statement: PsStatement): void;
}

function visitValue(value: PsValue | undefined, visitor: StatementVisitor): void {
  if (value === undefined) return;
  switch (value.kind) {
    case 'scriptblock':
      visitor.list?.(value.statements, value.span);
      for (const statement of value.statements) visitStatement(statement, visitor);
      break;
    case 'subexpression':
      for (const statement of value.statements) visitStatement(statement, visitor);
      break;
    case 'array':
      for (const item of value.items) visitValue(item, visitor);
      break;
    case 'hashtable':
      for (const entry of value.entries) {
        visitValue(entry.value, visitor);
        if (entry.statement) visitStatement(entry.statement, visitor);
      }
      break;
    case 'string':
      for (const part of value.parts) if (part.kind === 'expression') visitValue(part.value, visitor);
      break;
    case 'other':
      for (const child of value.children) visitValue(child, visitor);
      break;
    default:
      break;
  }
}

function visitStatement(statement: PsStatement, visitor: StatementVisitor): void {
  visitor.statement?.(statement);
  if (statement.kind === 'pipeline') {
    for (const element of statement.elements) {
      if (element.kind === 'expression') visitValue(element.value, visitor);
      else for (const argument of element.elements) if (argument.kind !== 'splat') visitValue(argument.value, visitor);
    }
  } else if (statement.kind === 'assignment') {
    if (statement.value) visitStatement(statement.value, visitor);
  } else {
    for (const child of statement.children) {
      if (child.kind === 'pipeline' || child.kind === 'assignment' || child.kind === 'block') visitStatement(child, visitor);
      else visitValue(child, visitor);
    }
  }
}

export function walkStatements(script: PsScript, visitor: StatementVisitor): void {
  visitor.list?.(script.statements, { start: 0, end: script.text.length });
  for (const statement of script.statements) visitStatement(statement, visitor);
}

/** Every pipeline of the script, nested ones included. */
export function pipelines(script: PsScript): PsPipeline[] {
  const found: PsPipeline[] = [];
  walkStatements(script, { statement: (statement) => statement.kind === 'pipeline' && found.push(statement) });
  return found;
}
