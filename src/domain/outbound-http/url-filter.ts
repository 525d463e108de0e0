// The outbound URL filter: which URLs the server may fetch on a user's behalf (task imports, image locations).
// Glance (Debian patch, OSSN-0105): glance/common/utils.py validate_import_uri and [import_filtering_opts]
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { Config } from '../../config/index.js';
import { InvalidInputError } from '../errors.js';
import { redactedUrl } from './redacted-url.js';

/** The `[import_filtering_opts]` options; an allow list that is not empty wins over its disallow list. */
export type OutboundUrlRules = Pick<
  Config,
  'allowed_schemes' | 'disallowed_schemes' | 'allowed_hosts' | 'disallowed_hosts' | 'allowed_ports' | 'disallowed_ports'
>;

/**
 * Addresses that reach the server itself, the cloud's metadata service or the operator's private networks (where an
 * import would be a probe of internal services): only hosts listed in allowed_hosts may.
 */
const INTERNAL_ADDRESSES = new BlockList();
INTERNAL_ADDRESSES.addSubnet('127.0.0.0', 8, 'ipv4'); // loopback
INTERNAL_ADDRESSES.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local: OpenStack, AWS, Azure, GCP metadata at 169.254.169.254
INTERNAL_ADDRESSES.addSubnet('0.0.0.0', 8, 'ipv4'); // unspecified ("this host")
INTERNAL_ADDRESSES.addAddress('192.0.0.192', 'ipv4'); // Oracle Cloud metadata service
INTERNAL_ADDRESSES.addSubnet('10.0.0.0', 8, 'ipv4'); // private networks (RFC 1918)
INTERNAL_ADDRESSES.addSubnet('172.16.0.0', 12, 'ipv4');
INTERNAL_ADDRESSES.addSubnet('192.168.0.0', 16, 'ipv4');
INTERNAL_ADDRESSES.addSubnet('100.64.0.0', 10, 'ipv4'); // carrier-grade NAT (RFC 6598); Alibaba Cloud metadata at 100.100.100.200
INTERNAL_ADDRESSES.addAddress('::1', 'ipv6'); // loopback
INTERNAL_ADDRESSES.addAddress('::', 'ipv6'); // unspecified
INTERNAL_ADDRESSES.addSubnet('fe80::', 10, 'ipv6'); // link-local
// Unique local, IPv6's private networks (RFC 4193), with the metadata services of AWS (fd00:ec2::254, EKS Pod
// Identity at fd00:ec2::23) and Google Cloud (fd20:ce::254) over IPv6.
INTERNAL_ADDRESSES.addSubnet('fc00::', 7, 'ipv6');

// IPv6 forms that carry an IPv4 address, which the network may deliver to that IPv4 host. BlockList matches only
// the IPv4-mapped form against IPv4 rules by itself; the others are unwrapped and checked as IPv4.
const IPV4_IN_LOW_32_BITS = new BlockList();
IPV4_IN_LOW_32_BITS.addSubnet('::ffff:0:0', 96, 'ipv6'); // IPv4-mapped, ::ffff:a.b.c.d (RFC 4291)
IPV4_IN_LOW_32_BITS.addSubnet('::', 96, 'ipv6'); // IPv4-compatible, ::a.b.c.d (RFC 4291, deprecated)
IPV4_IN_LOW_32_BITS.addSubnet('::ffff:0:0:0', 96, 'ipv6'); // IPv4-translated, ::ffff:0:a.b.c.d (RFC 2765)
IPV4_IN_LOW_32_BITS.addSubnet('64:ff9b::', 96, 'ipv6'); // NAT64 well-known prefix (RFC 6052)
// ...except the unspecified and loopback addresses themselves, :: and ::1, which are listed above as they are.
const NOT_IPV4_COMPATIBLE = new BlockList();
NOT_IPV4_COMPATIBLE.addSubnet('::', 127, 'ipv6');
const SIX_TO_FOUR = new BlockList();
SIX_TO_FOUR.addSubnet('2002::', 16, 'ipv6'); // 6to4: 2002:AABB:CCDD::/48 wraps a.b.c.d in bits 16-47 (RFC 3056)

const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443 };

/** Whether an IP address is loopback, link-local, unspecified, metadata or private, also through IPv6 forms. */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return INTERNAL_ADDRESSES.check(address, 'ipv4');
  if (family !== 6) return false;
  const embedded = embeddedIpv4(address);
  return INTERNAL_ADDRESSES.check(address, 'ipv6') || (embedded !== null && INTERNAL_ADDRESSES.check(embedded, 'ipv4'));
}

/** The IPv4 address an IPv4-mapped, -compatible or -translated, NAT64 or 6to4 IPv6 address carries, else null. */
export function embeddedIpv4(address: string): string | null {
  if (isIP(address) !== 6) return null;
  if (IPV4_IN_LOW_32_BITS.check(address, 'ipv6') && !NOT_IPV4_COMPATIBLE.check(address, 'ipv6')) {
    const groups = ipv6Groups(address);
    return dottedQuad(groups[6]!, groups[7]!);
  }
  if (SIX_TO_FOUR.check(address, 'ipv6')) {
    const groups = ipv6Groups(address);
    return dottedQuad(groups[1]!, groups[2]!);
  }
  return null;
}

/** An address for a refusal message, with the IPv4 address inside an IPv6 one spelled out. */
export function describeAddress(address: string): string {
  const embedded = embeddedIpv4(address);
  return embedded ? `${address} (IPv4 ${embedded})` : address;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail turned into two groups). */
function ipv6Groups(address: string): number[] {
  const hex = address.replace(
    /(\d+)\.(\d+)\.(\d+)\.(\d+)$/,
    (_tail, a, b, c, d) => `${((+a << 8) | +b).toString(16)}:${((+c << 8) | +d).toString(16)}`,
  );
  const [head = '', tail] = hex.split('::');
  const parse = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  if (tail === undefined) return parse(head);
  const front = parse(head);
  const back = parse(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

function dottedQuad(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** A URL's host as the lists compare it: lowercase, without IPv6 brackets or a trailing dot. */
export function comparableHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

/** Whether the operator listed this host in allowed_hosts, which also lets it reach internal addresses. */
export function isExplicitlyAllowedHost(url: URL, rules: OutboundUrlRules): boolean {
  const host = comparableHost(url.hostname);
  return rules.allowed_hosts.some((allowed) => comparableHost(allowed) === host);
}

/** The port the request will use: the URL's own, else the scheme's default. */
function effectivePort(url: URL): number | null {
  if (url.port) return Number(url.port);
  return DEFAULT_PORTS[schemeOf(url)] ?? null;
}

/**
 * Checks `url` against the operator's filter and resolves its host, refusing internal addresses unless the host is
 * listed in allowed_hosts. Returns the parsed URL; throws BAD_USER_INPUT naming the rule that refused it.
 */
export async function assertOutboundUrlAllowed(url: string, rules: OutboundUrlRules): Promise<URL> {
  const parsed = checkOutboundUrlRules(url, rules);
  if (isExplicitlyAllowedHost(parsed, rules)) return parsed;
  const host = comparableHost(parsed.hostname);
  const addresses = isIP(host) ? [{ address: host }] : await resolveOrRefuse(host);
  const internal = addresses.find(({ address }) => isInternalAddress(address));
  if (internal) {
    throw new InvalidInputError(
      `URL ${redactedUrl(parsed)} is not allowed: host ${host} resolves to ${describeAddress(internal.address)}, an internal address ` +
        '(loopback, link-local, metadata service or private network); an operator must list the host in allowed_hosts',
    );
  }
  return parsed;
}

/** The scheme, host and port rules alone (no DNS): what can be decided from the URL text. */
function checkOutboundUrlRules(url: string, rules: OutboundUrlRules): URL {
  const parsed = parseUrl(url);
  const scheme = schemeOf(parsed);
  const host = comparableHost(parsed.hostname);
  const port = effectivePort(parsed);
  const refuse = (reason: string) => new InvalidInputError(`URL ${redactedUrl(parsed)} is not allowed: ${reason}`);
  if (!passes(scheme, rules.allowed_schemes, rules.disallowed_schemes, (a, b) => a.toLowerCase() === b)) {
    throw refuse(`scheme "${scheme}" is not permitted (allowed_schemes / disallowed_schemes)`);
  }
  if (!host) throw refuse('it has no host');
  if (!passes(host, rules.allowed_hosts, rules.disallowed_hosts, (a, b) => comparableHost(a) === b)) {
    throw refuse(`host ${host} is not permitted (allowed_hosts / disallowed_hosts)`);
  }
  if (port === null || !passes(port, rules.allowed_ports, rules.disallowed_ports, (a, b) => a === b)) {
    throw refuse(`port ${port ?? '(none)'} is not permitted (allowed_ports / disallowed_ports)`);
  }
  if (parsed.username || parsed.password) throw refuse('credentials in the URL are not accepted');
  return parsed;
}

function passes<T>(value: T, allowed: readonly T[], disallowed: readonly T[], same: (listed: T, value: T) => boolean): boolean {
  if (allowed.length) return allowed.some((listed) => same(listed, value));
  return !disallowed.some((listed) => same(listed, value));
}

function parseUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new InvalidInputError(`"${url}" is not a valid absolute URL`);
  }
}

function schemeOf(url: URL): string {
  return url.protocol.replace(/:$/, '').toLowerCase();
}

async function resolveOrRefuse(host: string): Promise<readonly { address: string }[]> {
  try {
    const addresses = await lookup(host, { all: true, verbatim: true });
    if (addresses.length) return addresses;
  } catch {
    // Reported below in the same words as an empty answer.
  }
  throw new InvalidInputError(`host ${host} could not be resolved`);
}
