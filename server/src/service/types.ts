// Types shared by the parsers' models, the rules and the features. No LSP types here:
// rules speak in offsets; features/ turns offsets into LSP ranges.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ExchangeVersion, Role } from '../catalog/types';
import type { DocumentModel, OffsetEdit, Span } from '../parsers/common/model';
import type { IptablesFile } from '../parsers/iptables/ast';
import type { NftFile } from '../parsers/nftables/ast';
import type { CmdDocument } from '../parsers/cmd/model';
import type { PsScript } from '../parsers/powershell/ast';
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
  /** Show the decimal value after `dword:` port data; false turns every inlay hint off. */
  inlayHints: boolean;
  /** PowerShell: the service after each port number (`-LocalPort 135` RPC endpoint mapper). */
  inlayHintsPowerShell: boolean;
  /** cmd/batch: the same after `localport=` and other ports; off by default (netsh lines are long already). */
  inlayHintsCmd: boolean;
  /** `roles` of `.exchange-ports.json`: which server role the files matching each glob protect. */
  roles: RoleAssignment[];
  /**
   * The role of the document being checked, for the firewall role audit. The caller (LSP, CLI)
   * fills it with `roleForPath(settings, relativePath)`; a directive in the file wins over it.
   */
  role: ServerRole | undefined;
  /** Megabytes (of UTF-16 code units); a larger file gets syntax checks only (`file-too-large`). */
  maxFileSize: number;
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
  inlayHintsPowerShell: true,
  inlayHintsCmd: false,
  roles: [],
  role: undefined,
  maxFileSize: 50,
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
  | { format: 'powershell'; tree: PsScript }
  | { format: 'bat'; tree: CmdDocument }
  | { format: 'unparsed' };

export interface RuleContext {
  settings: Settings;
  /** The other files of the workspace; undefined in single-file checks (cross-file rules stay silent). */
  workspace?: WorkspaceView;
}

/** A static RPC port a file of the workspace configures. */
export interface StaticPortFact {
  uri: string;
  /** The catalog setting: one service (`rpc-client-access-port`). */
  settingId: string;
  /** `RPC Client Access`, for messages. */
  service: string;
  port: number;
  /** The data as written. */
  span: Span;
  /** 0-based line of `span`, for the port map. */
  line: number;
}

/** A port or range written in an inbound allow rule of a firewall file. */
export interface FirewallOpening {
  uri: string;
  from: number;
  to: number;
  span: Span;
  line: number;
}

/**
 * What the cross-file rules and the port map know of the workspace: the facts of every indexed
 * file, the checked document's own facts taken from the document itself (the open buffer wins).
 * Lists are sorted by display name, then position.
 */
export interface WorkspaceView {
  staticPorts(): readonly StaticPortFact[];
  /** URIs of the files holding firewall rules. */
  firewallFiles(): readonly string[];
  /** The firewall files with a rule that lets new inbound TCP connections to `port` in. */
  firewallFilesAllowing(port: number): readonly string[];
  isPortAllowedAnywhere(port: number): boolean;
  openings(): readonly FirewallOpening[];
  /** The workspace-relative path to show for a file. */
  displayName(uri: string): string;
}

export interface Rule {
  /** Stable id: the diagnostic code, the settings key, the docs anchor and the file name. */
  id: string;
  defaultSeverity: Severity;
  appliesTo: LanguageId[];
  /** One line, shown in settings and docs. */
  description: string;
  /** Reads `context.workspace`: its findings change with other files, so they are never cached with the document. */
  crossFile?: boolean;
  check(doc: AnalyzedDocument, context: RuleContext): Iterable<Finding>;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
