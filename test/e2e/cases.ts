// What a person should see in the editor, per file format: one entry per format and finding;
// iptables and nftables entries join this table the same way; the steps in editor.test.ts stay
// the same. Texts are the server's own (rules/, features/hover.ts,
// features/inlayHints.ts); `on` names text in the fixture file where the cursor or mouse goes.

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
  /** The decimal label shown after the value, before and after the fix. */
  inlayHint?: { before: string; after: string };
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
    fix: { title: 'Set the RPC Client Access port to 59532', replaces: '/d 1234', with: '/d 59532' },
  },
];

export const snippetCases: SnippetCase[] = [
  { name: '.reg: static RPC ports for a Client Access server', file: 'new-file.reg', prefix: 'exchange-static-rpc', snippets: 'snippets/reg.json' },
];
