// cmd-syntax (warning): what the batch parser could not read — a `(` block never closed, a
// `reg add` switch without its value, an unknown `/t` type. cmd.exe stops or misreads the line.
import { defineRule } from '../service/types';
import { problemsWithCode } from './support/parseProblems';

export default defineRule({
  id: 'cmd-syntax',
  defaultSeverity: 'warning',
  appliesTo: ['bat'],
  description: 'Batch lines the checker cannot read: an unclosed `(` block, a `reg` switch without its value, an unknown registry type.',
  check: (doc) => problemsWithCode(doc, 'cmd-syntax'),
});
