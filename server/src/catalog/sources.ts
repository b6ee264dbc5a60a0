// The source keys every catalog entry cites. Keys and titles follow §0 of
// shared/reference/exchange-ports-facts.md; UM07 and DK are the catalog's own additions (see below).

export const SOURCES: Readonly<Record<string, string>> = {
  S0: 'Project seed: Romanian translation of Microsoft Exchange port articles (many numbers lost)',
  NP16: 'Network ports for clients and mail flow in Exchange (2016/2019), learn.microsoft.com/exchange/plan-and-deploy/deployment-ref/network-ports',
  RC16: 'Default Receive connectors in Exchange 2016/2019 (receive-connectors.md)',
  IMAP16: 'POP3 and IMAP4 in Exchange 2016/2019 (configure-imap4.md, pop3-and-imap4.md)',
  HYB: 'Hybrid deployment prerequisites: protocols, ports and endpoints',
  UM13: 'UM protocols, ports and services in Exchange 2013 (Aa998265, v=EXCHG.150)',
  // The 2007 edition of the UM ports page; the reference cites it by URL only, not by a §0 key.
  UM07: 'UM protocols and ports in Exchange 2007 (technet aa998265, 2007 edition)',
  SMTPAUTH: 'How to set up a multifunction device or application to send email using Microsoft 365',
  NPR10: 'Exchange Network Port Reference (Exchange 2010), technet bb331973 (partly retrievable)',
  WIKI864: 'TechNet Wiki 864: Configure Static RPC Ports on an Exchange 2010 Client Access Server',
  KB929851: 'KB929851: The default dynamic port range for TCP/IP has changed',
  KB154596: 'KB154596: How to configure RPC dynamic port allocation to work with firewalls',
  RPCREG: 'Configuring the registry for port allocations and selective binding (Win32 RPC docs)',
  AA998910: 'technet aa998910: Configure the RPC proxy server to use specified ports for RPC over HTTP (Exchange 2003)',
  AA998383: 'technet aa998383: RPC over HTTP interactions on the back-end servers (Exchange 2003)',
  KB270836: 'KB270836: Exchange static port mappings',
  KB148732: 'KB148732: Exchange 4.0–5.5 static RPC ports',
  KB155831: 'KB155831: Exchange 4.0–5.5 static RPC ports',
  KB161931: 'KB161931: Changing the MTA RFC1006 port',
  'BPA-AB': 'Exchange BPA: Verify correct port range is used by RPC Client Access or the Exchange Address Book Service (gg191713)',
  'BPA-NSPI': 'Exchange BPA: Port conflict: System Attendant NSPI (aa996313)',
  OXNSPI: '[MS-OXNSPI] Appendix B',
  MSRPCH: '[MS-RPCH] §2.1 Transport',
  DECOMP: 'Decompiled Exchange Setup firewall-rule classes (2013+ era); corroboration only',
  SETSTATIC: 'Set-StaticPorts.ps1 by Bhargav Shukla (Microsoft)',
  BYRON: 'Byron Wright: Static RPC ports for Exchange 2010 (blog, 2011)',
  RISUAL: 'risual: Exchange 2010 SP1 RPC static ports (blog, 2010)',
  'EHLO-OA': 'Exchange team blog: How does Outlook Anywhere work (and not work)',
  NETSEC: 'Windows NetSecurity PowerShell help (LocalPort parameter)',
  TNC: 'Test-NetConnection help',
  MAXUSER: 'Windows Server 2003: MaxUserPort',
  'CIS-PRN': 'CIS benchmark rule 18.7.7: Configure RPC over TCP port (print spooler policy)',
  // Rows the reference marks unverified and attributes to no stored source. Citing this key keeps
  // "every entry names its source" true without pretending a document said it.
  DK: 'Domain knowledge only: not seen in any stored source (treat as a hint)',
};

/** `PS:<cmdlet>` keys name the cmdlet's page in MicrosoftDocs/office-docs-powershell. */
const POWERSHELL_SOURCE = /^PS:[A-Z][A-Za-z]*-[A-Z][A-Za-z0-9]*$/;

export function isKnownSource(key: string): boolean {
  return Object.hasOwn(SOURCES, key) || POWERSHELL_SOURCE.test(key);
}

export function sourceTitle(key: string): string | undefined {
  if (Object.hasOwn(SOURCES, key)) return SOURCES[key];
  if (POWERSHELL_SOURCE.test(key)) return `${key.slice(3)} cmdlet reference (learn.microsoft.com/powershell/module/exchangepowershell)`;
  return undefined;
}
