// reg-syntax (error): a line regedit cannot import — bad header, unclosed key bracket,
// unterminated string, unknown type prefix, bad hex. The parser finds them; this rule reports them.
import { REG_SYNTAX } from '../parsers/reg/parser';
import { defineRule } from '../service/types';
import { problemsWithCode } from './support/parseProblems';

export default defineRule({
  id: REG_SYNTAX,
  defaultSeverity: 'error',
  appliesTo: ['reg'],
  description: 'Malformed .reg line: bad header, unclosed key bracket, unterminated string, unknown type prefix or bad hex.',
  check: (doc) => problemsWithCode(doc, REG_SYNTAX),
});
