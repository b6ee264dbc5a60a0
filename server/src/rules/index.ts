// The single registry of rules. A rule is listed here once; ids are unique and stable.
import type { Rule } from '../service/types';
import invalidPort from './invalid-port';
import regDwordFormat from './reg-dword-format';
import regHiveAbbreviation from './reg-hive-abbreviation';
import regSyntax from './reg-syntax';
import staticPortConflict from './static-port-conflict';
import staticPortNotApplicable from './static-port-not-applicable';
import staticPortOutOfRange from './static-port-out-of-range';
import staticPortWrongKey from './static-port-wrong-key';
import staticPortWrongType from './static-port-wrong-type';

export const RULES: readonly Rule[] = [
  staticPortOutOfRange,
  staticPortWrongType,
  staticPortWrongKey,
  staticPortConflict,
  staticPortNotApplicable,
  invalidPort,
  regSyntax,
  regDwordFormat,
  regHiveAbbreviation,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
