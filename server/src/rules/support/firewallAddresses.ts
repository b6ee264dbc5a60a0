// IPv4/IPv6 networks as firewalls write them (`10.0.0.0/8`, `2001:db8::/32`, `192.0.2.7`):
// enough to tell whether one rule's addresses lie inside another's.

export interface Network {
  bits: 32 | 128;
  address: bigint;
  prefix: number;
}

export function parseNetwork(text: string): Network | undefined {
  const slash = text.indexOf('/');
  const host = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1);
  const address = host.includes(':') ? parseIpv6(host) : parseIpv4(host);
  if (address === undefined) return undefined;
  const bits = host.includes(':') ? 128 : 32;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return undefined;
  return { bits, address, prefix };
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return undefined;
  return parts.reduce((sum, part) => (sum << 8n) | BigInt(Number(part)), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) return undefined;
  const all = [...head, ...Array<string>(Math.max(missing, 0)).fill('0'), ...tail];
  if (all.some((group) => !/^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
  return all.reduce((sum, group) => (sum << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** Shadowing compares many pairs of rules of a chain: each address is parsed once, not per pair. */
const parsedNetworks = new Map<string, Network | null>();
/** Beyond this many distinct addresses the memo starts over (a bound, not a tuning knob). */
const MAX_REMEMBERED_NETWORKS = 50_000;

export function parsedNetwork(text: string): Network | undefined {
  const known = parsedNetworks.get(text);
  if (known !== undefined) return known ?? undefined;
  if (parsedNetworks.size >= MAX_REMEMBERED_NETWORKS) parsedNetworks.clear();
  const network = parseNetwork(text);
  parsedNetworks.set(text, network ?? null);
  return network;
}

function masked(address: bigint, prefix: number, bits: number): bigint {
  const hostBits = BigInt(bits - prefix);
  return (address >> hostBits) << hostBits;
}

/** Equal for two networks when their addresses agree on the first `prefix` bits: `a32/24|c0a80100`. */
export function networkPrefixKey(network: Network, prefix: number): string {
  return `a${network.bits}/${prefix}|${masked(network.address, prefix, network.bits).toString(16)}`;
}

/**
 * True when every address of `inner` is in `outer`. Values that are not networks (host
 * names, `10.0.0.1-10.0.0.9` ranges) are only known to contain themselves.
 */
export function networkContains(outer: string, inner: string): boolean {
  if (outer === inner) return true;
  const a = parsedNetwork(outer);
  const b = parsedNetwork(inner);
  if (!a || !b || a.bits !== b.bits || a.prefix > b.prefix) return false;
  return masked(a.address, a.prefix, a.bits) === masked(b.address, a.prefix, a.bits);
}

/** 127.0.0.0/8 and ::1: traffic a host sends itself. */
export function isLoopbackNetwork(text: string): boolean {
  return networkContains('127.0.0.0/8', text) || networkContains('::1/128', text);
}
