// The single registry of rules. A rule is listed here once; ids are unique and stable.
import type { Rule } from '../service/types';
import binaryContent from './binary-content';
import cmdSyntax from './cmd-syntax';
import connectorBindingPort from './connector-binding-port';
import dynamicRpcRangeOpen from './dynamic-rpc-range-open';
import firewallRuleShadowed from './firewall-rule-shadowed';
import fileTooLarge from './file-too-large';
import firewallSyntax from './firewall-syntax';
import invalidPort from './invalid-port';
import missingRequiredPort from './missing-required-port';
import office365SubmissionPort from './office365-submission-port';
import plaintextProtocolExposed from './plaintext-protocol-exposed';
import psSyntax from './ps-syntax';
import regDwordFormat from './reg-dword-format';
import regHiveAbbreviation from './reg-hive-abbreviation';
import regSyntax from './reg-syntax';
import restartRequired from './restart-required';
import sensitivePortAnySource from './sensitive-port-any-source';
import staticPortConflict from './static-port-conflict';
import staticPortMismatch from './static-port-mismatch';
import staticPortNotApplicable from './static-port-not-applicable';
import staticPortNotOpened from './static-port-not-opened';
import staticPortOutOfRange from './static-port-out-of-range';
import staticPortWrongKey from './static-port-wrong-key';
import staticPortWrongType from './static-port-wrong-type';
import unexpectedOpenPort from './unexpected-open-port';

export const RULES: readonly Rule[] = [
  staticPortOutOfRange,
  staticPortWrongType,
  staticPortWrongKey,
  staticPortConflict,
  staticPortNotApplicable,
  staticPortMismatch,
  staticPortNotOpened,
  invalidPort,
  regSyntax,
  regDwordFormat,
  regHiveAbbreviation,
  firewallSyntax,
  missingRequiredPort,
  unexpectedOpenPort,
  firewallRuleShadowed,
  sensitivePortAnySource,
  dynamicRpcRangeOpen,
  plaintextProtocolExposed,
  restartRequired,
  office365SubmissionPort,
  connectorBindingPort,
  psSyntax,
  cmdSyntax,
  fileTooLarge,
  binaryContent,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
