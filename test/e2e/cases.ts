// What a person should see in the editor, per file format: one entry per format and finding; the
// steps in editor.test.ts are the same for every row. Texts are the server's own (rules/,
// features/hover.ts, features/inlayHints.ts, features/codeLens.ts); `on` names text in the fixture
// file where the cursor or mouse goes. A step that does not apply to a format says why (`none`),
// and the test then checks that the editor indeed shows nothing of the kind.

export interface EditorCase {
  /** Shown in the test titles. */
  name: string;
  /** The fixture, relative to test/e2e/workspace. */
  file: string;
  diagnostic: {
    rule: string;
    severity: 'warning' | 'error';
    /** The text the diagnostic covers. */
    on: string;
    message: string;
  };
  hover: { on: string; shows: string[] };
  /** The inlay hint's label before and after the fix, or why the file shows none. */
  inlayHint: { before: string; after: string } | { none: string };
  /** The code lens above the role directive before and after the fix, or why there is none. */
  codeLens: { before: string; after: string } | { none: string };
  fix: { title: string; replaces: string; with: string };
}

export interface SnippetCase {
  name: string;
  /** An empty fixture file of the snippet's language. */
  file: string;
  prefix: string;
  /** The contributed snippets file the expected text is read from. */
  snippets: string;
}

/** A language the extension contributes no snippets for, and why. */
export interface NoSnippetCase {
  language: string;
  none: string;
}

const noCodeLensOutsideFirewalls = { none: 'code lenses sit above a firewall file\'s role directive only' };
const noInlayHintsInFirewalls = { none: 'the server gives no inlay hints in firewall files' };

export const editorCases: EditorCase[] = [
  {
    name: '.reg: RPC Client Access port below the recommended range',
    file: 'static-port.reg',
    diagnostic: {
      rule: 'static-port-out-of-range',
      severity: 'warning',
      on: 'dword:000004d2',
      message: 'RPC Client Access static port 1234 is outside the recommended range 59531–60554.',
    },
    hover: {
      on: 'dword:000004d2',
      shows: ['0x000004d2 = 1234 (REG_DWORD)', 'RPC Client Access (MSExchangeRPC)', 'Recommended range: 59531–60554 (suggested: 59532)', '⚠ 1234 is outside the recommended range 59531–60554.'],
    },
    inlayHint: { before: '= 1234', after: '= 59532' },
    codeLens: noCodeLensOutsideFirewalls,
    fix: { title: 'Set the RPC Client Access port to 59532', replaces: 'dword:000004d2', with: 'dword:0000e88c' },
  },
  {
    name: '.ps1: New-ItemProperty sets the RPC Client Access port below the recommended range',
    file: 'static-port.ps1',
    diagnostic: {
      rule: 'static-port-out-of-range',
      severity: 'warning',
      on: '1234',
      message: 'RPC Client Access static port 1234 is outside the recommended range 59531–60554.',
    },
    hover: {
      on: '1234',
      shows: ['RPC Client Access (MSExchangeRPC)', 'Recommended range: 59531–60554 (suggested: 59532)', '⚠ 1234 is outside the recommended range 59531–60554.'],
    },
    inlayHint: { none: 'decimal registry data needs no decimal label, and the script names no other port' },
    codeLens: noCodeLensOutsideFirewalls,
    fix: { title: 'Set the RPC Client Access port to 59532', replaces: '-Value 1234', with: '-Value 59532' },
  },
  {
    name: '.cmd: reg add sets the RPC Client Access port below the recommended range',
    file: 'static-port.cmd',
    diagnostic: {
      rule: 'static-port-out-of-range',
      severity: 'warning',
      on: '1234',
      message: 'RPC Client Access static port 1234 is outside the recommended range 59531–60554.',
    },
    hover: {
      on: '1234',
      shows: ['RPC Client Access (MSExchangeRPC)', '⚠ 1234 is outside the recommended range 59531–60554.'],
    },
    inlayHint: { none: 'exchangePorts.inlayHintsCmd is off by default' },
    codeLens: noCodeLensOutsideFirewalls,
    fix: { title: 'Set the RPC Client Access port to 59532', replaces: '/d 1234', with: '/d 59532' },
  },
  {
    name: 'iptables: plaintext LDAP to the Edge Transport server open to any source',
    file: 'edge-transport.rules.v4',
    diagnostic: {
      rule: 'plaintext-protocol-exposed',
      severity: 'warning',
      on: '50389',
      message:
        'AD LDS LDAP without SSL on the Edge server on 50389/TCP is open to any source and carries passwords and data readable on the wire: open 50636 (EdgeSync (LDAP over SSL to AD LDS)) instead, or allow 50389 only from the hosts that need it.',
    },
    hover: {
      on: '50389',
      shows: ['Port 50389', 'AD LDS LDAP without SSL on the Edge server — 50389/TCP', 'Encrypted counterpart: 50636'],
    },
    inlayHint: noInlayHintsInFirewalls,
    // The role directive's missing port is the encrypted one: the fix opens it.
    codeLens: { before: '2 required ports: 1 open, 1 missing', after: '2 required ports: 2 open, 0 missing' },
    fix: { title: 'Open 50636 instead of 50389', replaces: '--dport 50389', with: '--dport 50636' },
  },
  {
    name: 'iptables: a leftover rule under a broader one that already accepts its traffic',
    file: 'shadowed.rules.v4',
    diagnostic: {
      rule: 'firewall-rule-shadowed',
      severity: 'warning',
      on: '-A FORWARD -s 10.0.1.0/24',
      message: 'This rule never matches: line 8 (ACCEPT) already decides all of its traffic the same way.',
    },
    hover: {
      on: '443',
      shows: ['Port 443', 'HTTPS: Autodiscover, EAS, EWS, OAB, Outlook Anywhere, MAPI over HTTP, Outlook on the web — 443/TCP'],
    },
    inlayHint: noInlayHintsInFirewalls,
    codeLens: { none: 'the file has no role directive' },
    fix: { title: 'Remove the redundant rule', replaces: '-A FORWARD -s 10.0.1.0/24 -d 192.0.2.10/32 -p tcp -m tcp --dport 443 -j ACCEPT\n', with: '' },
  },
  {
    name: 'nftables: the whole dynamic RPC range open to the Client Access server',
    file: 'rpc-range.nft',
    diagnostic: {
      rule: 'dynamic-rpc-range-open',
      severity: 'warning',
      on: '49152-65535',
      message:
        'This rule opens 49152-65535/TCP, which covers most of 49152–65535, the Windows dynamic (ephemeral and RPC) port range. That is a sieve for every RPC service on the host: open the endpoint mapper 135 and the static RPC ports instead (59532 and 59533 as recommended, or your configured static ports).',
    },
    hover: {
      on: '49152-65535',
      shows: ['Port 49152', 'Windows dynamic (ephemeral and RPC) port range — 49152–65535/TCP/UDP', 'Dynamic RPC port range after installing the Exchange 2010 Client Access role'],
    },
    inlayHint: noInlayHintsInFirewalls,
    codeLens: { none: 'the file has no role directive' },
    fix: { title: 'Open only 135, 59532 and 59533', replaces: 'dport 49152-65535', with: 'dport { 135, 59532, 59533 }' },
  },
];

export const snippetCases: SnippetCase[] = [
  { name: '.reg: static RPC ports for a Client Access server', file: 'new-file.reg', prefix: 'exchange-static-rpc', snippets: 'snippets/reg.json' },
  { name: '.ps1: static RPC ports, firewall rule and restart (mirrored placeholders)', file: 'new-file.ps1', prefix: 'exchange-static-rpc', snippets: 'snippets/powershell.json' },
  { name: '.ps1: Outlook.com Send-MailMessage on 587', file: 'new-mail.ps1', prefix: 'outlookcom-send-mail', snippets: 'snippets/powershell.json' },
  { name: '.cmd: reg add, netsh and net stop/start', file: 'new-file.cmd', prefix: 'exchange-static-rpc', snippets: 'snippets/bat.json' },
];

export const noSnippetCases: NoSnippetCase[] = [
  { language: 'iptables', none: 'firewall rules are written per site; the extension contributes no iptables snippets' },
  { language: 'nftables', none: 'firewall rules are written per site; the extension contributes no nftables snippets' },
];
