// Windows Firewall rules that Exchange 2010 Setup creates (reference table §1b), plus the two 2013
// UM Call Router rules. "(GFW)" rules are not tied to a program. IIS opens 80/443 itself, so no
// rule here does.
//
// The reference joins some pairs into one row ("X - RPC / - RPCEPMap (TCP-In)"); they are split
// here into the two names Setup creates, following the dash-and-suffix pattern of the other rules.
// The exact spelling of each split second name was not seen on its own.
//
// A status of `partial` marks a row where the port or program is unverified (the seed lost it);
// the comment beside such an entry says which part. Typos in names ("FGW", "PRC") are Microsoft's.
import type { FirewallRuleEntry, Role } from './types';

const ALL_2010_ROLES: Role[] = ['client-access', 'hub-transport', 'mailbox', 'edge-transport', 'unified-messaging'];

export const FIREWALL_RULES: FirewallRuleEntry[] = [
  { name: 'MSExchangeADTopology - RPC (TCP-In)', roles: ['client-access', 'hub-transport', 'mailbox', 'unified-messaging'], versions: ['2010'], ports: 'Dynamic RPC', program: 'Bin\\MSExchangeADTopologyService.exe', sources: ['NPR10'], status: 'verified' },
  { name: 'MSExchangeMonitoring - RPC (TCP-In)', roles: ['client-access', 'hub-transport', 'edge-transport', 'unified-messaging'], versions: ['2010'], ports: 'Dynamic RPC', program: 'Bin\\Microsoft.Exchange.Management.Monitoring.exe', sources: ['NPR10'], status: 'verified' },
  { name: 'MSExchangeServiceHost - RPC (TCP-In)', roles: ALL_2010_ROLES, versions: ['2010'], ports: 'Dynamic RPC', program: 'Bin\\Microsoft.Exchange.ServiceHost.exe', sources: ['NPR10'], status: 'verified' },
  // The program name is as the source prints it ("sic").
  { name: 'MSExchangeServiceHost - RPCEPMap (TCP-In)', roles: ALL_2010_ROLES, versions: ['2010'], ports: 'RPC-EPMap', program: 'Bin\\Microsoft.Exchange.Service.Host', sources: ['NPR10'], status: 'verified' },
  { name: 'MSExchangeRPCEPMap (GFW) (TCP-In)', roles: ALL_2010_ROLES, versions: ['2010'], ports: 'RPC-EPMap', program: 'Any', sources: ['NPR10'], status: 'verified' },
  { name: 'MSExchangeRPC (GFW) (TCP-In)', roles: ['client-access', 'hub-transport', 'mailbox', 'unified-messaging'], versions: ['2010'], ports: 'Dynamic RPC', program: 'Any', sources: ['NPR10'], status: 'verified' },
  { name: 'MSExchange - IMAP4 (GFW) (TCP-In)', roles: ['client-access'], versions: ['2010'], ports: '143, 993', program: 'All', sources: ['NPR10'], status: 'verified' },
  { name: 'MSExchangeIMAP4 (TCP-In)', roles: ['client-access'], versions: ['2010'], ports: '143, 993', program: 'ClientAccess\\PopImap\\Microsoft.Exchange.Imap4Service.exe', sources: ['NPR10'], status: 'verified' },
  { name: 'MSExchange - POP3 (FGW) (TCP-In)', roles: ['client-access'], versions: ['2010'], ports: '110, 995', program: 'All', sources: ['NPR10'], status: 'verified' },
  { name: 'MSExchange - POP3 (TCP-In)', roles: ['client-access'], versions: ['2010'], ports: '110, 995', program: 'ClientAccess\\PopImap\\Microsoft.Exchange.Pop3Service.exe', sources: ['NPR10'], status: 'verified' },
  { name: 'MSExchange - OWA (GFW) (TCP-In)', roles: ['client-access'], versions: ['2010'], ports: '5075, 5076, 5077', program: 'All', sources: ['NPR10', 'S0'], status: 'verified' },
  { name: 'MSExchangeOWAAppPool (TCP-In)', roles: ['client-access'], versions: ['2010'], ports: '5075, 5076, 5077', program: 'inetsrv\\w3wp.exe', sources: ['S0'], status: 'verified (seed)' },
  // Port verified; the program is unverified.
  { name: 'MSExchangeAB RPC (TCP-In)', roles: ['client-access'], versions: ['2010'], ports: 'Dynamic RPC', program: 'Bin\\Microsoft.Exchange.AddressBook.Service.exe', sources: ['S0'], status: 'partial' },
  // The seed lost the port; RPC-EPMap is inferred from the name.
  { name: 'MSExchangeAB-RPCEPMap (TCP-In)', roles: ['client-access'], versions: ['2010'], ports: 'RPC-EPMap', program: 'Bin\\Microsoft.Exchange.AddressBook.Service.exe', sources: ['S0'], status: 'partial' },
  // 2013+ decompiled Setup ties this rule to RpcClientAccess.Service.exe instead.
  { name: 'MSExchangeAB-RpcHttp (TCP-In)', roles: ['client-access'], versions: ['2010'], ports: '6002, 6004', program: 'Bin\\Microsoft.Exchange.AddressBook.Service.exe', sources: ['S0', 'DECOMP'], status: 'verified' },
  { name: 'RpcHttpLBS (TCP-In)', roles: ['client-access'], versions: ['2010'], ports: 'Dynamic RPC', program: 'System32\\Svchost.exe', sources: ['S0'], status: 'verified (seed)' },
  { name: 'MSExchangeRPC - RPC (TCP-In)', roles: ['client-access', 'mailbox'], versions: ['2010'], ports: 'Dynamic RPC', program: 'Bin\\Microsoft.Exchange.RpcClientAccess.Service.exe', sources: ['S0'], status: 'verified (seed)' },
  // The seed lost the port; RPC-EPMap is inferred from the name.
  { name: 'MSExchangeRPC - PRCEPMap (TCP-In)', roles: ['client-access', 'mailbox'], versions: ['2010'], ports: 'RPC-EPMap', program: 'Bin\\Microsoft.Exchange.RpcClientAccess.Service.exe', sources: ['S0'], status: 'partial' },
  // The port 6001 is unverified: the seed lost it.
  { name: 'MSExchangeRPC (TCP-In)', roles: ['client-access', 'mailbox'], versions: ['2010'], ports: '6001', program: 'Bin\\Microsoft.Exchange.RpcClientAccess.Service.exe', sources: ['S0'], status: 'partial' },
  { name: 'MSExchangeMailboxReplication (GFW) (TCP-In)', roles: ['client-access'], versions: ['2010'], ports: '808', program: 'Any', sources: ['DECOMP'], status: 'corroborated' },
  { name: 'MSExchangeMailboxReplication (TCP-In)', roles: ['client-access'], versions: ['2010'], ports: '808', program: 'Bin\\MSExchangeMailboxReplication.exe', sources: ['S0', 'DECOMP'], status: 'corroborated' },
  // Port verified; the program is unverified.
  { name: 'MSExchangeIS - RPC (TCP-In)', roles: ['mailbox'], versions: ['2010'], ports: 'Dynamic RPC', program: 'Any', sources: ['S0'], status: 'partial' },
  // Port and program unverified.
  { name: 'MSExchangeIS RPCEPMap (TCP-In)', roles: ['mailbox'], versions: ['2010'], ports: 'RPC-EPMap', program: 'Any', sources: ['S0'], status: 'partial' },
  { name: 'MSExchangeIS (GFW) (TCP-In)', roles: ['mailbox'], versions: ['2010'], ports: '6001, 6002, 6003, 6004', program: 'Any', sources: ['S0'], status: 'verified (seed)' },
  // Port and program unverified.
  { name: 'MSExchangeIS (TCP-In)', roles: ['mailbox'], versions: ['2010'], ports: '6001', program: 'Any', sources: ['S0'], status: 'partial' },
  { name: 'MSExchangeMailboxAssistants - RPC (TCP-In)', roles: ['mailbox'], versions: ['2010'], ports: 'Dynamic RPC', program: 'Bin\\MSExchangeMailboxAssistants.exe', sources: ['S0'], status: 'verified (seed)' },
  { name: 'MSExchangeMailboxAssistants - RPCEPMap (TCP-In)', roles: ['mailbox'], versions: ['2010'], ports: 'RPC-EPMap', program: 'Bin\\MSExchangeMailboxAssistants.exe', sources: ['S0'], status: 'verified (seed)' },
  { name: 'MSExchangeMailSubmission - RPC (TCP-In)', roles: ['mailbox'], versions: ['2010'], ports: 'Dynamic RPC', program: 'Bin\\MSExchangeMailSubmission.exe', sources: ['S0'], status: 'verified (seed)' },
  { name: 'MSExchangeMailSubmission - RPCEPMap (TCP-In)', roles: ['mailbox'], versions: ['2010'], ports: 'RPC-EPMap', program: 'Bin\\MSExchangeMailSubmission.exe', sources: ['S0'], status: 'verified (seed)' },
  { name: 'MSExchangeMigration - RPC (TCP-In)', roles: ['mailbox'], versions: ['2010'], ports: 'Dynamic RPC', program: 'Bin\\MSExchangeMigration.exe', sources: ['S0'], status: 'verified (seed)' },
  { name: 'MSExchangeMigration - RPCEPMap (TCP-In)', roles: ['mailbox'], versions: ['2010'], ports: 'RPC-EPMap', program: 'Bin\\MSExchangeMigration.exe', sources: ['S0'], status: 'verified (seed)' },
  { name: 'MSExchangerepl - Log Copier (TCP-In)', roles: ['mailbox'], versions: ['2010'], ports: '64327', program: 'Bin\\MSExchangeRepl.exe', sources: ['S0', 'DECOMP', 'PS:Set-DatabaseAvailabilityGroup'], status: 'verified' },
  { name: 'MSExchangerepl - RPC (TCP-In)', roles: ['mailbox'], versions: ['2010'], ports: 'Dynamic RPC', program: 'Bin\\MSExchangeRepl.exe', sources: ['S0'], status: 'verified (seed)' },
  { name: 'MSExchangerepl - RPC-EPMap (TCP-In)', roles: ['mailbox'], versions: ['2010'], ports: 'RPC-EPMap', program: 'Bin\\MSExchangeRepl.exe', sources: ['S0'], status: 'verified (seed)' },
  { name: 'MSExchangeSearch - RPC (TCP-In)', roles: ['mailbox'], versions: ['2010'], ports: 'Dynamic RPC', program: 'Bin\\Microsoft.Exchange.Search.ExSearch.exe', sources: ['S0'], status: 'verified (seed)' },
  { name: 'MSExchangeThrottling - RPC (TCP-In)', roles: ['mailbox'], versions: ['2010'], ports: 'Dynamic RPC', program: 'Bin\\MSExchangeThrottling.exe', sources: ['S0'], status: 'verified (seed)' },
  { name: 'MSExchangeThrottling - RPCEPMap (TCP-In)', roles: ['mailbox'], versions: ['2010'], ports: 'RPC-EPMap', program: 'Bin\\MSExchangeThrottling.exe', sources: ['S0'], status: 'verified (seed)' },
  // The program is unverified: the seed lost it.
  { name: 'MSFTED - RPC (TCP-In)', roles: ['mailbox'], versions: ['2010'], ports: 'Dynamic RPC', program: 'Bin\\MSFTED.exe', sources: ['S0'], status: 'partial' },
  { name: 'MSFTED - RPCEPMap (TCP-In)', roles: ['mailbox'], versions: ['2010'], ports: 'RPC-EPMap', program: 'Bin\\MSFTED.exe', sources: ['S0'], status: 'partial' },
  { name: 'MSExchangeEdgeSync - RPC (TCP-In)', roles: ['hub-transport'], versions: ['2010'], ports: 'Dynamic RPC', program: 'Bin\\Microsoft.Exchange.EdgeSyncSvc.exe', sources: ['S0'], status: 'verified (seed)' },
  { name: 'MSExchangeEdgeSync - RPCEPMap (TCP-In)', roles: ['hub-transport'], versions: ['2010'], ports: 'RPC-EPMap', program: 'Bin\\Microsoft.Exchange.EdgeSyncSvc.exe', sources: ['S0'], status: 'verified (seed)' },
  { name: 'MSExchangeTransportWorker - RPC (TCP-In)', roles: ['hub-transport'], versions: ['2010'], ports: 'Dynamic RPC', program: 'Bin\\edgetransport.exe', sources: ['S0'], status: 'verified (seed)' },
  { name: 'MSExchangeTransportWorker - RPCEPMap (TCP-In)', roles: ['hub-transport'], versions: ['2010'], ports: 'RPC-EPMap', program: 'Bin\\edgetransport.exe', sources: ['S0'], status: 'verified (seed)' },
  { name: 'MSExchangeTransportWorker (GFW) (TCP-In)', roles: ['hub-transport'], versions: ['2010'], ports: '25, 587', program: 'Any', sources: ['DECOMP'], status: 'corroborated' },
  { name: 'MSExchangeTransportWorker (TCP-In)', roles: ['hub-transport'], versions: ['2010'], ports: '25, 587', program: 'Bin\\edgetransport.exe', sources: ['S0', 'DECOMP'], status: 'corroborated' },
  { name: 'MSExchangeTransportLogSearch - RPC (TCP-In)', roles: ['hub-transport', 'edge-transport', 'mailbox'], versions: ['2010'], ports: 'Dynamic RPC', program: 'Bin\\MSExchangeTransportLogSearch.exe', sources: ['S0'], status: 'verified (seed)' },
  { name: 'MSExchangeTransportLogSearch - RPCEPMap (TCP-In)', roles: ['hub-transport', 'edge-transport', 'mailbox'], versions: ['2010'], ports: 'RPC-EPMap', program: 'Bin\\MSExchangeTransportLogSearch.exe', sources: ['S0'], status: 'verified (seed)' },
  // "Any" port is unverified; the 2013 doc says UM rules have no TCP port restriction.
  { name: 'SESWorker (GFW) (TCP-In)', roles: ['unified-messaging'], versions: ['2010'], ports: 'Any', program: 'UnifiedMessaging\\SESWorker.exe', sources: ['S0', 'UM13'], status: 'partial' },
  { name: 'SESWorker (TCP-In)', roles: ['unified-messaging'], versions: ['2010'], ports: 'Any', program: 'UnifiedMessaging\\SESWorker.exe', sources: ['S0', 'UM13'], status: 'partial' },
  // 5060, 5061 are unverified for 2010; 2013+ decompiled Setup opens 5060–5063.
  { name: 'UMService (GFW) (TCP-In)', roles: ['unified-messaging'], versions: ['2010'], ports: '5060, 5061', program: 'Bin\\UMService.exe', sources: ['DECOMP', 'S0'], status: 'partial' },
  { name: 'UMService (TCP-In)', roles: ['unified-messaging'], versions: ['2010'], ports: '5060, 5061', program: 'Bin\\UMService.exe', sources: ['DECOMP', 'S0'], status: 'partial' },
  { name: 'UMWorkerProcess (GFW) (TCP-In)', roles: ['unified-messaging'], versions: ['2010'], ports: '5065, 5066, 5067, 5068', program: 'Bin\\UMWorkerProcess.exe', sources: ['S0', 'DECOMP'], status: 'verified' },
  { name: 'UMWorkerProcess (TCP-In)', roles: ['unified-messaging'], versions: ['2010'], ports: '5065, 5066, 5067, 5068', program: 'Bin\\UMWorkerProcess.exe', sources: ['S0', 'DECOMP'], status: 'verified' },
  { name: 'UMWorkerProcess - RPC (TCP-In)', roles: ['unified-messaging'], versions: ['2010'], ports: 'Dynamic RPC', program: 'Bin\\UMWorkerProcess.exe', sources: ['S0'], status: 'verified (seed)' },
  { name: 'UMCallRouter (GFW) (TCP-In)', roles: ['client-access'], versions: ['2013'], ports: 'Any', program: 'not stated', sources: ['UM13'], status: 'verified' },
  { name: 'UMCallRouter (TCP-In)', roles: ['client-access'], versions: ['2013'], ports: 'Any', program: 'not stated', sources: ['UM13'], status: 'verified' },
];
