// ps-syntax (warning): what the PowerShell parser could not read — an unclosed string, bracket or
// here-string, a `reg add` missing its arguments. The PowerShell extension shows syntax errors in
// the editor already; this rule is for the CLI, where nothing else reads the script.
import { defineRule } from '../service/types';
import { problemsWithCode } from './support/parseProblems';

export default defineRule({
  id: 'ps-syntax',
  defaultSeverity: 'warning',
  appliesTo: ['powershell'],
  description: 'PowerShell the checker cannot read: an unclosed string, bracket or here-string, or a malformed `reg` command.',
  check: (doc) => problemsWithCode(doc, 'ps-syntax'),
});
