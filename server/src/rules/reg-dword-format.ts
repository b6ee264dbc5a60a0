// reg-dword-format (error): `dword:` must be followed by exactly 8 hex digits. Regedit refuses
// `dword:e86c` and `dword:59532` is hex, not the decimal port it looks like; the fixes offer both readings.
import { REG_DWORD_FORMAT } from '../parsers/reg/parser';
import { defineRule } from '../service/types';
import { problemsWithCode } from './support/parseProblems';

export default defineRule({
  id: REG_DWORD_FORMAT,
  defaultSeverity: 'error',
  appliesTo: ['reg'],
  description: '`dword:` not followed by exactly 8 hex digits.',
  check: (doc) => problemsWithCode(doc, REG_DWORD_FORMAT),
});
