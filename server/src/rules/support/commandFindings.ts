// Findings that one PowerShell command makes alone, kept on its view (`viewMemo`): an edit re-reads
// only the commands it changed or whose variables it changed, and moves the findings of the others.
import { viewMemo } from '../../parsers/powershell/commands';
import type { Finding } from '../../service/types';

/** Most commands make none: they share one empty list. */
export const NO_FINDINGS: Finding[] = [];

function move(offsets: { start: number; end: number }, from: number, delta: number): void {
  if (offsets.start < from) return;
  offsets.start += delta;
  offsets.end += delta;
}

/** Moves findings (and their fixes' edits) made of offsets copied from the text. */
function moveFindings(findings: Finding[], from: number, delta: number): void {
  for (const finding of findings) {
    move(finding, from, delta);
    for (const fix of finding.fixes ?? []) for (const edit of fix.edits) move(edit, from, delta);
  }
}

/** The findings of one rule, by command (one memo per rule: each rule calls this once). */
export function commandFindings(): ReturnType<typeof viewMemo<Finding[]>> {
  return viewMemo<Finding[]>(moveFindings, NO_FINDINGS);
}
