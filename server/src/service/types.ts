// Types shared by the parsers' models, the rules and the features. No LSP types here:
// rules speak in offsets; features/ turns offsets into LSP ranges.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ExchangeVersion, Role } from '../catalog/types';
import type { DocumentModel, OffsetEdit } from '../parsers/common/model';
import type { IptablesFile } from '../parsers/iptables/ast';
import type { NftFile } from '../parsers/nftables/ast';
import type { RegFile } from '../parsers/reg/ast';

export type { OffsetEdit };

export type LanguageId = 'reg' | 'powershell' | 'bat' | 'iptables' | 'nftables';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface FixData {
  title: string;
  edits: OffsetEdit[];
  /** The fix VS Code applies with "Auto Fix". */
  preferred?: boolean;
}

export interface Finding {
  ruleId: string;
  start: number;
  end: number;
  message: string;
  fixes?: FixData[];
  /** Only when one rule reports at two levels; otherwise the rule's default applies. */
  severity?: Severity;
}

export interface Settings {
  /** Per-rule severity override, or `off`. */
  rules: Record<string, SeveritySetting>;
  staticPortRange: { min: number; max: number };
  /** The Exchange version the files target; undefined = do not assume one. */
  targetVersion: ExchangeVersion | undefined;
  /** Show the decimal value after `dword:` port data. */
  inlayHints: boolean;
  /** `roles` of `.exchange-ports.json`: which server role the files matching each glob protect. */
  roles: RoleAssignment[];
  /**
   * The role of the document being checked, for the firewall role audit. The caller (LSP, CLI)
   * fills it with `roleForPath(settings, relativePath)`; a directive in the file wins over it.
   */
  role: ServerRole | undefined;
}

/** The roles a firewall file can be audited for (`exchange-ports: role=…`, `roles` settings). */
export const AUDITED_ROLES = ['client-access', 'mailbox', 'hub-transport', 'edge-transport', 'unified-messaging', 'clients'] as const satisfies readonly Role[];

export type AuditedRole = (typeof AUDITED_ROLES)[number];

export interface ServerRole {
  role: AuditedRole;
  version: ExchangeVersion;
}

export interface RoleAssignment extends ServerRole {
  /** A glob over workspace-relative paths (`perimeter/*.rules`); without `/`, over base names. */
  files: string;
}

export const DEFAULT_SETTINGS: Settings = {
  rules: {},
  staticPortRange: { min: 59531, max: 60554 },
  targetVersion: undefined,
  inlayHints: true,
  roles: [],
  role: undefined,
};

/** A parsed, analysed document: what rules and features read. Cached per (uri, version). */
export interface AnalyzedDocument {
  textDocument: TextDocument;
  languageId: LanguageId;
  text: string;
  /** The line ending fixes must insert: the file's first one, CRLF when it has none. */
  eol: '\r\n' | '\n';
  model: DocumentModel;
  /** The format's own tree, for features that need more than the neutral model. */
  syntax: FormatSyntax;
}

export type FormatSyntax =
  | { format: 'reg'; tree: RegFile }
  | { format: 'iptables'; tree: IptablesFile }
  | { format: 'nftables'; tree: NftFile }
  | { format: 'unparsed' };

export interface RuleContext {
  settings: Settings;
}

export interface Rule {
  /** Stable id: the diagnostic code, the settings key, the docs anchor and the file name. */
  id: string;
  defaultSeverity: Severity;
  appliesTo: LanguageId[];
  /** One line, shown in settings and docs. */
  description: string;
  check(doc: AnalyzedDocument, context: RuleContext): Iterable<Finding>;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
