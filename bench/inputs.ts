// Deterministic bench inputs, written once under bench/.inputs/ and reused: .reg exports shaped like
// `HKLM\SYSTEM\CurrentControlSet\Services`, Exchange deployment scripts, iptables-save and nftables
// rule sets, and a mixed workspace. The seed fixes every byte, so runs on any machine compare.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { between, pick, prng, type Random } from './support';

export const INPUTS_DIR = join(__dirname, '.inputs');
/** Bump when a generator changes: stale inputs are regenerated, never silently reused. */
const GENERATOR_VERSION = '2';

export interface InputFile {
  name: string;
  path: string;
  languageId: 'reg' | 'powershell' | 'bat' | 'iptables' | 'nftables';
  encoding: 'utf-8' | 'utf-16le';
  bytes: number;
  /** Lines of the text, for scripts and rule sets. */
  lines: number;
}

export interface Inputs {
  reg: InputFile[];
  powershell: InputFile[];
  iptables: InputFile;
  nftables: InputFile;
  workspace: { path: string; files: number; bytes: number };
}

const KB = 1024;
const MB = 1024 * 1024;
export const REG_SIZES: readonly { label: string; bytes: number }[] = [
  { label: '100KB', bytes: 100 * KB },
  { label: '1MB', bytes: MB },
  { label: '10MB', bytes: 10 * MB },
  { label: '50MB', bytes: 50 * MB },
];
export const PS_LINES: readonly number[] = [1_000, 10_000, 50_000];
export const FIREWALL_RULES = 10_000;
export const WORKSPACE_FILES = 500;

const SERVICES = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services';
const SERVICE_STEMS = ['Afd', 'Tcpip', 'Dnscache', 'LanmanServer', 'Netlogon', 'W32Time', 'WinRM', 'Spooler', 'RpcSs', 'EventLog', 'Dhcp', 'NlaSvc', 'mpssvc', 'BFE', 'iphlpsvc', 'Schedule', 'CryptSvc', 'WinHttpAutoProxySvc', 'TermService', 'MSExchangeTransport', 'MSExchangeIS', 'MSExchangeADTopology', 'MSExchangeFrontEndTransport', 'HostControllerService', 'usbhub', 'storahci', 'disk', 'volmgr', 'partmgr', 'ndis'];
const GROUPS = ['', 'NetworkProvider', 'PNP_TDI', 'TDI', 'Base', 'Boot Bus Extender', 'System Bus Extender', 'SCSI miniport', 'Event Log', 'COM Infrastructure'];
const ACCOUNTS = ['LocalSystem', 'NT AUTHORITY\\LocalService', 'NT AUTHORITY\\NetworkService'];

/** regedit's export of a UTF-16LE string as `hex(2):`/`hex(7):` bytes, 25 bytes a line after the first. */
function hexString(prefix: string, leadLength: number, text: string): string {
  const bytes: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes.push((code & 0xff).toString(16).padStart(2, '0'), (code >> 8).toString(16).padStart(2, '0'));
  }
  bytes.push('00', '00');
  return hexBytes(prefix, leadLength, bytes);
}

function hexBytes(prefix: string, leadLength: number, bytes: string[]): string {
  const lines: string[] = [];
  let line = prefix;
  let width = leadLength + prefix.length;
  for (let i = 0; i < bytes.length; i++) {
    const item = bytes[i] + (i < bytes.length - 1 ? ',' : '');
    if (width + item.length > 78 && i < bytes.length - 1) {
      lines.push(`${line}\\`);
      line = '  ';
      width = 2;
    }
    line += item;
    width += item.length;
  }
  lines.push(line);
  return lines.join('\r\n');
}

function dword(value: number): string {
  return `dword:${(value >>> 0).toString(16).padStart(8, '0')}`;
}

function regValue(name: string, data: string): string {
  return `"${name}"=${data}`;
}

/** A .reg string: regedit doubles backslashes and escapes quotes. */
function quoted(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function serviceKey(random: Random, index: number): string {
  const name = `${pick(random, SERVICE_STEMS)}${index}`;
  const key = `${SERVICES}\\${name}`;
  const imagePath = `\\SystemRoot\\System32\\drivers\\${name.toLowerCase()}.sys`;
  const lines = [
    `[${key}]`,
    regValue('DisplayName', quoted(`@%SystemRoot%\\system32\\${name.toLowerCase()}.dll,-${between(random, 100, 999)}`)),
    regValue('ErrorControl', dword(between(random, 0, 3))),
    regValue('Group', `"${pick(random, GROUPS)}"`),
    `"ImagePath"=${hexString('hex(2):', 12, imagePath)}`,
    regValue('Start', dword(between(random, 0, 4))),
    regValue('Type', dword(pick(random, [1, 2, 16, 32]))),
    regValue('Description', quoted(`@%SystemRoot%\\system32\\${name.toLowerCase()}.dll,-${between(random, 100, 999)}`)),
    regValue('ObjectName', quoted(pick(random, ACCOUNTS))),
  ];
  if (random() < 0.6) {
    const depends = Array.from({ length: between(random, 1, 4) }, () => pick(random, SERVICE_STEMS)).join('\0');
    lines.push(`"DependOnService"=${hexString('hex(7):', 17, `${depends}\0`)}`);
  }
  if (random() < 0.4) {
    lines.push(`"FailureActions"=${hexBytes('hex:', 16, Array.from({ length: 20 + 8 * between(random, 1, 3) }, () => between(random, 0, 255).toString(16).padStart(2, '0')))}`);
  }
  lines.push('');
  lines.push(`[${key}\\Parameters]`);
  lines.push(regValue('ServiceDll', quoted(`%SystemRoot%\\system32\\${name.toLowerCase()}.dll`)));
  if (random() < 0.5) lines.push(regValue('ServiceDllUnloadOnStop', dword(1)));
  if (random() < 0.3) lines.push(regValue('MaxConnections', dword(between(random, 16, 4096))));
  lines.push('');
  if (random() < 0.5) {
    lines.push(`[${key}\\Security]`);
    lines.push(`"Security"=${hexBytes('hex:', 11, Array.from({ length: between(random, 60, 160) }, () => between(random, 0, 255).toString(16).padStart(2, '0')))}`);
    lines.push('');
  }
  lines.push(`[${key}\\Enum]`);
  lines.push(regValue('0', quoted(`Root\\LEGACY_${name.toUpperCase()}\\0000`)));
  lines.push(regValue('Count', dword(1)));
  lines.push(regValue('NextInstance', dword(1)));
  lines.push('');
  return lines.join('\r\n');
}

/** The keys the checker is about, one of them with a port outside the recommended range. */
function exchangeKeys(): string {
  return [
    `[${SERVICES}\\MSExchangeRPC\\ParametersSystem]`,
    regValue('TCP/IP Port', dword(59532)),
    '',
    `[${SERVICES}\\MSExchangeAB\\Parameters]`,
    regValue('RpcTcpPort', '"59533"'),
    '',
    `[${SERVICES}\\MSExchangeRPC\\ParametersSystem]`,
    '; an old value left by a previous change',
    regValue('TCP/IP Port', dword(6001)),
    '',
  ].join('\r\n');
}

/** A Services export of about `chars` characters, the Exchange keys about a third of the way in. */
export function regExport(seed: number, chars: number): string {
  const random = prng(seed);
  const parts = ['Windows Registry Editor Version 5.00', ''];
  let length = parts[0].length + 4;
  let exchangeWritten = false;
  for (let index = 0; length < chars; index++) {
    const key = !exchangeWritten && length > chars / 3 ? exchangeKeys() : serviceKey(random, index);
    if (key.startsWith(`[${SERVICES}\\MSExchangeRPC`)) exchangeWritten = true;
    parts.push(key);
    length += key.length + 2;
  }
  if (!exchangeWritten) parts.push(exchangeKeys());
  return parts.join('\r\n');
}

const SERVERS = ['EX01', 'EX02', 'EX03', 'CAS01', 'CAS02', 'MBX01', 'MBX02', 'EDGE01'];
const PORTS = [25, 80, 135, 443, 587, 993, 995, 110, 143, 389, 636, 3268, 3269, 50636, 59532, 59533, 64327, 6001, 6004];

/** One block of an Exchange deployment script: a function, a loop, a registry or firewall step. */
function psBlock(random: Random, index: number): string[] {
  const server = pick(random, SERVERS);
  const port = pick(random, PORTS);
  switch (index % 8) {
    case 0:
      return [
        `function Set-ExchangeStep${index} {`,
        '    [CmdletBinding(SupportsShouldProcess = $true)]',
        '    param(',
        `        [Parameter(Mandatory = $true)][string]$ComputerName = '${server}',`,
        `        [ValidateRange(1024, 65535)][int]$Port = ${between(random, 59531, 60554)}`,
        '    )',
        `    Write-Verbose "Step ${index} on $ComputerName (port $Port)"`,
        '    if ($PSCmdlet.ShouldProcess($ComputerName, "Configure")) {',
        "        Invoke-Command -ComputerName $ComputerName -ScriptBlock { param($p) Restart-Service MSExchangeRPC -Force } -ArgumentList $Port",
        '    }',
        '}',
        '',
      ];
    case 1:
      return [
        `# Static RPC port for ${server}`,
        `Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem' -Name 'TCP/IP Port' -Value ${between(random, 59531, 60554)} -Type DWord`,
        `New-ItemProperty -Path "HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters" -Name 'RpcTcpPort' -PropertyType String -Value '${between(random, 59531, 60554)}' -Force | Out-Null`,
        '',
      ];
    case 2:
      return [
        `New-NetFirewallRule -DisplayName 'Exchange ${port} (${server})' -Direction Inbound -Protocol TCP -LocalPort ${port} -Action Allow -Profile Domain`,
        `netsh advfirewall firewall add rule name="Exchange ${port}" dir=in action=allow protocol=TCP localport=${port} remoteip=10.${between(random, 0, 255)}.0.0/16`,
        '',
      ];
    case 3:
      return [
        `$servers${index} = Get-ExchangeServer | Where-Object { $_.IsClientAccessServer -and $_.Name -like '${server.slice(0, 3)}*' } | ForEach-Object { $_.Name }`,
        `foreach ($s in $servers${index}) {`,
        '    try {',
        `        Test-NetConnection -ComputerName $s -Port ${port} -InformationLevel Quiet | Out-Null`,
        '    } catch {',
        '        Write-Warning "Cannot reach $($s): $($_.Exception.Message)"',
        '    }',
        '}',
        '',
      ];
    case 4:
      return [
        `$settings${index} = @{`,
        `    Identity = '${server}\\Default Frontend ${server}'`,
        `    Bindings = @('0.0.0.0:${port}', '[::]:${port}')`,
        `    RemoteIPRanges = '10.${between(random, 0, 255)}.0.0-10.${between(random, 0, 255)}.255.255'`,
        '    MaxMessageSize = 35MB',
        '}',
        `Set-ReceiveConnector @settings${index}`,
        '',
      ];
    case 5:
      return [
        `$report${index} = @"`,
        `Server: ${server}`,
        `Ports checked: ${port}, 135, 443`,
        '"@',
        `Write-Host $report${index} -ForegroundColor Cyan`,
        '',
      ];
    case 6:
      return [
        `reg add "HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem" /v "TCP/IP Port" /t REG_DWORD /d ${between(random, 59531, 60554)} /f`,
        `netsh int ipv4 set dynamicport tcp start=${pick(random, [6005, 49152])} num=${pick(random, [16384, 54526])}`,
        '',
      ];
    default:
      return [
        `if ($PSVersionTable.PSVersion.Major -lt 3) {`,
        `    throw "PowerShell 3.0 or later is required (step ${index})"`,
        '} elseif ($env:COMPUTERNAME -eq ' + `'${server}') {`,
        `    $ErrorActionPreference = 'Stop'`,
        '} else {',
        `    Write-Output ("{0}:{1}" -f $env:COMPUTERNAME, ${port})`,
        '}',
        '',
      ];
  }
}

export function psScript(seed: number, lineCount: number): string {
  const random = prng(seed);
  const lines = ['#Requires -Version 3.0', '<#', '.SYNOPSIS', '    Exchange deployment: static RPC ports, firewall, connectors.', '#>', "Set-StrictMode -Version Latest", ''];
  for (let index = 0; lines.length < lineCount; index++) lines.push(...psBlock(random, index));
  lines.length = lineCount;
  return lines.join('\r\n') + '\r\n';
}

export function cmdScript(seed: number, lineCount: number): string {
  const random = prng(seed);
  const lines = ['@echo off', 'REM Exchange static ports', 'setlocal'];
  while (lines.length < lineCount) {
    const port = between(random, 59531, 60554);
    lines.push(`set RPCPORT=${port}`);
    lines.push(`reg add "HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem" /v "TCP/IP Port" /t REG_DWORD /d %RPCPORT% /f`);
    lines.push(`netsh advfirewall firewall add rule name="RPC ${port}" dir=in action=allow protocol=TCP localport=${port}`);
    lines.push('if errorlevel 1 exit /b 1');
  }
  lines.push('endlocal');
  return lines.join('\r\n') + '\r\n';
}

function subnet(random: Random): string {
  return `10.${between(random, 0, 255)}.${between(random, 0, 255)}.0/24`;
}

export function iptablesSave(seed: number, ruleCount: number): string {
  const random = prng(seed);
  const lines = ['# Generated by iptables-save v1.8.9 (nf_tables) on Tue Mar  4 10:12:01 2025', '# exchange-ports: role=edge-transport version=2019', '*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', ':EXCH - [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'];
  for (let i = 0; i < ruleCount; i++) {
    const port = pick(random, PORTS);
    switch (i % 4) {
      case 0:
        lines.push(`-A INPUT -s ${subnet(random)} -p tcp -m tcp --dport ${port} -m comment --comment "rule ${i}" -j ACCEPT`);
        break;
      case 1:
        lines.push(`-A EXCH -p tcp -m multiport --dports ${port},${pick(random, PORTS)} -j ACCEPT`);
        break;
      case 2:
        lines.push(`-A INPUT -s ${subnet(random)} -j EXCH`);
        break;
      default:
        lines.push(`-A INPUT -p udp -m udp --dport ${between(random, 1, 65535)} -j DROP`);
    }
  }
  lines.push('-A INPUT -p tcp -j REJECT --reject-with tcp-reset', 'COMMIT', '# Completed on Tue Mar  4 10:12:01 2025');
  return lines.join('\n') + '\n';
}

export function nftablesConf(seed: number, ruleCount: number): string {
  const random = prng(seed);
  const lines = ['#!/usr/sbin/nft -f', '# exchange-ports: role=edge-transport version=2019', 'flush ruleset', '', 'define ADMIN_NET = 10.99.0.0/24', '', 'table inet filter {', '\tchain input {', '\t\ttype filter hook input priority 0; policy drop;', '\t\tiif lo accept', '\t\tct state established,related accept'];
  for (let i = 0; i < ruleCount; i++) {
    const port = pick(random, PORTS);
    switch (i % 3) {
      case 0:
        lines.push(`\t\tip saddr ${subnet(random)} tcp dport ${port} accept comment "rule ${i}"`);
        break;
      case 1:
        lines.push(`\t\ttcp dport { ${port}, ${pick(random, PORTS)} } ct state new accept`);
        break;
      default:
        lines.push(`\t\tudp dport ${between(random, 1, 65535)} drop`);
    }
  }
  lines.push('\t}', '}');
  return lines.join('\n') + '\n';
}

function write(path: string, text: string, encoding: 'utf-8' | 'utf-16le'): number {
  mkdirSync(dirname(path), { recursive: true });
  const bytes = encoding === 'utf-16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) : Buffer.from(text, 'utf8');
  writeFileSync(path, bytes);
  return bytes.length;
}

function lineCount(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** The workspace: 500 files in server folders, small as real ones are. */
function writeWorkspace(root: string): { files: number; bytes: number } {
  const random = prng(500);
  let bytes = 0;
  for (let i = 0; i < WORKSPACE_FILES; i++) {
    const folder = join(root, `site${i % 5}`, `server${i % 50}`);
    const kind = i % 10;
    if (kind < 4) bytes += write(join(folder, `export${i}.reg`), regExport(10_000 + i, between(random, 2_000, 20_000)), i % 2 === 0 ? 'utf-16le' : 'utf-8');
    else if (kind < 7) bytes += write(join(folder, `Deploy${i}.ps1`), psScript(20_000 + i, between(random, 50, 400)), 'utf-8');
    else if (kind === 7) bytes += write(join(folder, `ports${i}.cmd`), cmdScript(30_000 + i, between(random, 20, 120)), 'utf-8');
    else if (kind === 8) bytes += write(join(folder, `edge${i}.iptables`), iptablesSave(40_000 + i, between(random, 10, 200)), 'utf-8');
    else bytes += write(join(folder, `edge${i}.nft`), nftablesConf(50_000 + i, between(random, 10, 200)), 'utf-8');
  }
  return { files: WORKSPACE_FILES, bytes };
}

/** Generates what is missing (or stale) and describes every input. */
export function ensureInputs(log: (message: string) => void = () => undefined): Inputs {
  const stamp = join(INPUTS_DIR, 'manifest.json');
  if (existsSync(stamp)) {
    const manifest = JSON.parse(readFileSync(stamp, 'utf8')) as { version: string; inputs: Inputs };
    if (manifest.version === GENERATOR_VERSION && existsSync(manifest.inputs.workspace.path)) return manifest.inputs;
  }
  rmSync(INPUTS_DIR, { recursive: true, force: true });
  mkdirSync(INPUTS_DIR, { recursive: true });
  log('Generating bench inputs (once) in bench/.inputs/ …');
  const reg: InputFile[] = [];
  for (const [index, size] of REG_SIZES.entries()) {
    for (const encoding of ['utf-8', 'utf-16le'] as const) {
      // Sizes are in bytes of the file: a UTF-16LE export holds half as many characters.
      const text = regExport(1_000 + index, encoding === 'utf-16le' ? size.bytes / 2 : size.bytes);
      const path = join(INPUTS_DIR, `services-${size.label}-${encoding}.reg`);
      reg.push({ name: `reg ${size.label} ${encoding === 'utf-8' ? 'UTF-8' : 'UTF-16LE'}`, path, languageId: 'reg', encoding, bytes: write(path, text, encoding), lines: lineCount(text) });
    }
  }
  const powershell = PS_LINES.map((lines, index) => {
    const text = psScript(2_000 + index, lines);
    const path = join(INPUTS_DIR, `deploy-${lines / 1000}k.ps1`);
    return { name: `ps1 ${lines / 1000}k lines`, path, languageId: 'powershell' as const, encoding: 'utf-8' as const, bytes: write(path, text, 'utf-8'), lines };
  });
  const iptablesText = iptablesSave(3_000, FIREWALL_RULES);
  const iptablesPath = join(INPUTS_DIR, 'rules-10k.iptables');
  const nftText = nftablesConf(4_000, FIREWALL_RULES);
  const nftPath = join(INPUTS_DIR, 'rules-10k.nft');
  const workspacePath = join(INPUTS_DIR, 'workspace');
  const inputs: Inputs = {
    reg,
    powershell,
    iptables: { name: 'iptables 10k rules', path: iptablesPath, languageId: 'iptables', encoding: 'utf-8', bytes: write(iptablesPath, iptablesText, 'utf-8'), lines: lineCount(iptablesText) },
    nftables: { name: 'nftables 10k rules', path: nftPath, languageId: 'nftables', encoding: 'utf-8', bytes: write(nftPath, nftText, 'utf-8'), lines: lineCount(nftText) },
    workspace: { path: workspacePath, ...writeWorkspace(workspacePath) },
  };
  writeFileSync(stamp, JSON.stringify({ version: GENERATOR_VERSION, inputs }, null, 2));
  return inputs;
}

export function fileSize(path: string): number {
  return statSync(path).size;
}
