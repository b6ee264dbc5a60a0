// Names the client and the server agree on. The only server file the client may import.

/** Language ids the server analyses; the client builds its document selector from them. */
export const LANGUAGE_IDS = ['reg', 'powershell', 'bat', 'iptables', 'nftables'] as const;

export const CONFIG_FILE_GLOB = '**/.exchange-ports.json';

/** The `exchangePorts.*` settings section. */
export const SETTINGS_SECTION = 'exchangePorts';

export const COMMANDS = {
  /** Opens docs/rules.md at a rule's section; argument: the rule id. */
  showRuleDocumentation: 'exchangePorts.showRuleDocumentation',
  /** Opens the port map of the workspace (the `portMap` request's Markdown) in a preview. */
  showPortMap: 'exchangePorts.showPortMap',
} as const;

/** Custom requests the client sends. */
export const REQUESTS = {
  /** `PortMapParams` → Markdown: static ports, the files that set them, the firewall files that open them, the gaps. */
  portMap: 'exchangePorts/portMap',
} as const;

export interface PortMapParams {
  /** A document whose settings apply (its `.exchange-ports.json`); else the first workspace folder's. */
  uri?: string;
}

/** Passed by the client in `initializationOptions`. */
export interface InitializationOptions {
  /** URI of the shipped docs/rules.md, used for diagnostic links. */
  rulesDocumentationUri?: string;
  /**
   * `exchangePorts.*` settings, for clients that cannot answer `workspace/configuration`
   * (Neovim 0.7, simple clients); same shape as the `exchangePorts` settings object.
   */
  settings?: unknown;
}
