// The workspace index: for every file of the workspace, the few facts other files' checks need —
// the static RPC ports it configures and, for a firewall config, the ports it lets in. Pure: the
// LSP and the CLI read the files and feed analysed documents in; rules read a WorkspaceView.
//
// The whole workspace is one Exchange organisation: a service's static port must be the same in
// every file (every Client Access server of the array, every Mailbox server holding public
// folders), and any firewall file may be the one in front of any server.
import { positionAt } from '../features/diagnostics';
import { MAX_PORT, portSetContains, type FirewallRule, type PortRange, type PortSet } from '../parsers/common/firewall';
import type { Span } from '../parsers/common/model';
import { documentSlot } from '../rules/support/documentMemo';
import { isValidPort, serviceLabel, staticPortWrites } from '../rules/support/staticPorts';
import type { AnalyzedDocument, FirewallOpening, LanguageId, StaticPortFact, WorkspaceView } from './types';

interface FileNamePattern {
  languageId: LanguageId;
  /** Lower-case extensions, with the dot. */
  extensions?: string[];
  /** Lower-case exact base names, for files whose name says the format (`rules.v4`). */
  baseNames?: string[];
  /** Lower-case name endings longer than an extension (`edge.rules.v4`). */
  suffixes?: string[];
}

/** Which files hold which format, by name: what the CLI checks and what the server indexes. */
export const FILE_NAME_PATTERNS: readonly FileNamePattern[] = [
  { languageId: 'reg', extensions: ['.reg'] },
  { languageId: 'powershell', extensions: ['.ps1', '.psm1'] },
  { languageId: 'bat', extensions: ['.cmd', '.bat'] },
  { languageId: 'iptables', extensions: ['.iptables'], baseNames: ['rules.v4', 'rules.v6'], suffixes: ['.rules.v4', '.rules.v6'] },
  { languageId: 'nftables', extensions: ['.nft'], baseNames: ['nftables.conf'] },
];

/** The language a file name implies, supported or not. */
export function languageOfFileName(fileName: string): LanguageId | undefined {
  const baseName = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1).toLowerCase();
  const dot = baseName.lastIndexOf('.');
  const extension = dot > 0 ? baseName.slice(dot) : '';
  const match = FILE_NAME_PATTERNS.find(
    (pattern) =>
      pattern.baseNames?.includes(baseName) ||
      pattern.suffixes?.some((suffix) => baseName.endsWith(suffix)) ||
      (extension !== '' && pattern.extensions?.includes(extension)),
  );
  return match?.languageId;
}

/** Glob patterns for a file watcher: every name of FILE_NAME_PATTERNS, in any folder. */
export function fileNameGlobs(): string[] {
  const extensions = FILE_NAME_PATTERNS.flatMap((pattern) => pattern.extensions ?? []).map((extension) => extension.slice(1));
  const baseNames = FILE_NAME_PATTERNS.flatMap((pattern) => [...(pattern.baseNames ?? []), ...(pattern.suffixes ?? []).map((suffix) => `*${suffix}`)]);
  return [`**/*.{${extensions.join(',')}}`, `**/{${baseNames.join(',')}}`];
}

/** What the index keeps of one file. */
export interface FileFacts {
  uri: string;
  staticPorts: StaticPortFact[];
  /** True when the file holds firewall rules or chain policies. */
  firewall: boolean;
  /** Destination ports of the rules that let new inbound TCP connections in. */
  allowedPorts: PortSet[];
  openings: FirewallOpening[];
}

/** Facts are asked for twice per version of an open document: for its own cross-file findings and for the index. */
const factsSlot = documentSlot<FileFacts>('workspaceFacts');

export function factsOf(doc: AnalyzedDocument): FileFacts {
  let facts = factsSlot.get(doc);
  if (!facts) factsSlot.set(doc, (facts = readFacts(doc)));
  return facts;
}

function readFacts(doc: AnalyzedDocument): FileFacts {
  const uri = doc.textDocument.uri;
  const lineOf = (offset: number) => positionAt(doc, offset).line;
  const staticPorts: StaticPortFact[] = [];
  for (const target of staticPortWrites(doc)) {
    if (!isValidPort(target.number)) continue;
    const { start, end } = target.write.dataSpan;
    staticPorts.push({ uri, settingId: target.setting.id, service: serviceLabel(target.setting), port: target.number, span: { start, end }, line: lineOf(start) });
  }
  const { rules, policies } = doc.model.firewall;
  const allows = rules.filter(letsNewTcpIn);
  const openings: FirewallOpening[] = [];
  // A named set is written once and used by several rules: one opening per place it is written.
  const firstEnds = new Map<number, number>();
  const others = new Set<string>();
  const isFirst = ({ start, end }: Span) => {
    const firstEnd = firstEnds.get(start);
    if (firstEnd === undefined) firstEnds.set(start, end);
    else if (firstEnd === end || others.has(`${start}:${end}`)) return false;
    else others.add(`${start}:${end}`);
    return true;
  };
  for (const rule of allows) {
    const match = rule.destinationPortMatch;
    if (!match || match.negated) continue;
    for (const { range, span } of match.items) {
      if (isFirst(span)) openings.push({ uri, from: range.from, to: range.to, span: { start: span.start, end: span.end }, line: lineOf(span.start) });
    }
  }
  openings.sort((a, b) => a.span.start - b.span.start);
  const firewall = rules.length > 0 || policies.length > 0;
  const allowedPorts = allows.map((rule) => rule.destinationPorts);
  return { uri, staticPorts, firewall, allowedPorts, openings };
}

/**
 * True when other files' findings cannot tell `a` from `b`: the same ports, firewall and openings,
 * wherever they are written. Compared field by field: a script's facts are thousands of numbers,
 * and writing both out as text on every edit cost more than the comparison.
 */
export function sameForOthers(a: FileFacts, b: FileFacts): boolean {
  return (
    a.firewall === b.firewall &&
    sameList(a.staticPorts, b.staticPorts, (x, y) => x.settingId === y.settingId && x.port === y.port) &&
    sameList(a.allowedPorts, b.allowedPorts, samePortSet) &&
    sameList(a.openings, b.openings, (x, y) => x.from === y.from && x.to === y.to)
  );
}

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
  return true;
}

function samePortSet(a: PortSet, b: PortSet): boolean {
  if (a === 'any' || b === 'any') return a === b;
  return sameList(a, b, (x, y) => x.from === y.from && x.to === y.to);
}

/**
 * An allow rule for new TCP connections arriving at (or passing through) the host. Policies and
 * the order of rules are not played through: an explicit allow rule counts, wherever it stands.
 */
function letsNewTcpIn(rule: FirewallRule): boolean {
  if (rule.action !== 'allow' || rule.purpose !== 'filter') return false;
  if (rule.direction !== 'inbound' && rule.direction !== 'forward') return false;
  if (rule.protocol !== 'tcp' && rule.protocol !== 'any') return false;
  const states = rule.connectionStates;
  if (!states.any && states.negated === states.values.includes('new')) return false;
  const iface = rule.inInterface;
  return iface.any || iface.negated || !iface.values.every((name) => name === 'lo');
}

function isEmpty(facts: FileFacts): boolean {
  return facts.staticPorts.length === 0 && !facts.firewall;
}

export interface WorkspaceIndexOptions {
  /** The path to show for a file (workspace-relative); the file's base name by default. */
  displayName?: (uri: string) => string;
  /**
   * One spelling per file, for URIs that reach the index from several places (the editor writes
   * `file:///c%3A/…`, Node `file:///C:/…`); the URI as given by default.
   */
  canonicalUri?: (uri: string) => string;
}

export class WorkspaceIndex {
  /** Only files with facts: most files of a workspace have none. */
  private readonly files = new Map<string, FileFacts>();
  readonly displayName: (uri: string) => string;
  private readonly key: (uri: string) => string;

  constructor(options: WorkspaceIndexOptions = {}) {
    this.displayName = options.displayName ?? baseName;
    this.key = options.canonicalUri ?? ((uri) => uri);
  }

  /** Records a file's facts; true when they changed in a way other files' findings may see. */
  update(uri: string, doc: AnalyzedDocument): boolean {
    return this.updateFacts(uri, factsOf(doc));
  }

  /** update() for facts already taken (the indexer reads a closed file's facts without keeping its analysis). */
  updateFacts(uri: string, facts: FileFacts): boolean {
    const key = this.key(uri);
    const before = this.files.get(key);
    const empty = isEmpty(facts);
    if (empty) this.files.delete(key);
    else this.files.set(key, facts);
    if (before === undefined || empty) return before !== undefined || !empty;
    return !sameForOthers(before, facts);
  }

  /** Forgets a deleted file; true when it had facts. */
  remove(uri: string): boolean {
    return this.files.delete(this.key(uri));
  }

  /** The URIs with facts, as they were given. */
  uris(): string[] {
    return [...this.files.values()].map((facts) => facts.uri);
  }

  /** The workspace as `doc` sees it: its own facts from the document, the others from the index. */
  view(doc?: AnalyzedDocument): IndexView {
    const files = new Map(this.files);
    if (doc) {
      const facts = factsOf(doc);
      const key = this.key(facts.uri);
      if (isEmpty(facts)) files.delete(key);
      else files.set(key, facts);
    }
    return new IndexView([...files.values()], this.displayName);
  }
}

export class IndexView implements WorkspaceView {
  private readonly files: FileFacts[];
  private sortedStaticPorts: StaticPortFact[] | undefined;
  private sortedOpenings: FirewallOpening[] | undefined;
  private allowedRanges: PortRange[] | undefined;

  constructor(
    files: FileFacts[],
    readonly displayName: (uri: string) => string,
  ) {
    const names = new Map(files.map((facts) => [facts.uri, displayName(facts.uri)]));
    const name = (uri: string) => names.get(uri) ?? '';
    this.files = [...files].sort((a, b) => compareText(name(a.uri), name(b.uri)) || compareText(a.uri, b.uri));
  }

  staticPorts(): readonly StaticPortFact[] {
    this.sortedStaticPorts ??= this.files.flatMap((facts) => facts.staticPorts);
    return this.sortedStaticPorts;
  }

  /** The configured ports per service (catalog setting id), in file order. */
  staticPortsByService(): Map<string, StaticPortFact[]> {
    const byService = new Map<string, StaticPortFact[]>();
    for (const fact of this.staticPorts()) {
      const list = byService.get(fact.settingId);
      if (list) list.push(fact);
      else byService.set(fact.settingId, [fact]);
    }
    return byService;
  }

  firewallFiles(): readonly string[] {
    return this.files.filter((facts) => facts.firewall).map((facts) => facts.uri);
  }

  firewallFilesAllowing(port: number): readonly string[] {
    return this.files.filter((facts) => facts.allowedPorts.some((ports) => portSetContains(ports, port))).map((facts) => facts.uri);
  }

  isPortAllowedAnywhere(port: number): boolean {
    // Asked for every static port of the checked file: one search in the allowed ports of every
    // file merged, not a scan of every rule of every file for each.
    this.allowedRanges ??= mergedRanges(this.files.flatMap((facts) => facts.allowedPorts));
    return rangesContain(this.allowedRanges, port);
  }

  openings(): readonly FirewallOpening[] {
    this.sortedOpenings ??= this.files.flatMap((facts) => facts.openings);
    return this.sortedOpenings;
  }
}

/** The ports of `sets` as disjoint ranges in ascending order (overlapping ranges joined). */
export function mergedRanges(sets: readonly PortSet[]): PortRange[] {
  const ranges: PortRange[] = [];
  for (const set of sets) {
    if (set === 'any') ranges.push({ from: 0, to: MAX_PORT });
    else for (const range of set) if (range.from <= range.to) ranges.push(range);
  }
  ranges.sort((a, b) => a.from - b.from);
  const merged: PortRange[] = [];
  for (const { from, to } of ranges) {
    const last = merged[merged.length - 1];
    if (last && from <= last.to) last.to = Math.max(last.to, to);
    else merged.push({ from, to });
  }
  return merged;
}

/** True when one of `ranges` (from mergedRanges) holds `port`. */
export function rangesContain(ranges: readonly PortRange[], port: number): boolean {
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ranges[middle].from <= port) low = middle + 1;
    else high = middle;
  }
  return low > 0 && port <= ranges[low - 1].to;
}

/** Code-unit order: the same on every machine, whatever the locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function baseName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
