import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupAddress, LookupOptions } from "node:dns";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { webhookUrlShapeError } from "./schemas";

/**
 * Keeps webhook URLs from reaching the inside of the network Candor runs in. Addresses are
 * checked when an endpoint is saved and again on every connection, where the checked address is
 * the one the socket uses (a name that resolves differently a second later changes nothing).
 */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface DestinationPolicy {
  /** CANDOR_ALLOW_PRIVATE_WEBHOOKS=1: local development and tests may reach loopback/private hosts. */
  allowPrivate: boolean;
  resolve?: Resolver;
}

/** Raised when a URL or the address it resolves to may not receive webhooks; the message is safe to show. */
export class ForbiddenDestinationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ForbiddenDestinationError";
  }
}

/** The bare host of a parsed URL: brackets stripped from IPv6 literals. */
export function hostOf(url: URL): string {
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

// The only special-purpose IPv6 block we reach is global unicast (2000::/3) minus the ranges below.
const globalUnicast = ipaddr.IPv6.parse("2000::");

/**
 * Why an address may not receive webhooks (loopback, private, link-local, CGNAT, unspecified,
 * multicast, documentation/reserved, IPv4-mapped, NAT64, 6to4, Teredo…), or null for a public one.
 * The URL parser has already turned decimal, octal, hex and short IPv4 forms into dotted quads.
 */
export function forbiddenAddressReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return "is not an IP address";
  const parsed = ipaddr.parse(address);
  const range = parsed.range();
  if (parsed.kind() === "ipv4") {
    return range === "unicast" ? null : `is a ${describe(range)} address`;
  }
  if (range !== "unicast") return `is a ${describe(range)} address`;
  if (!(parsed as ipaddr.IPv6).match(globalUnicast, 3)) return "is outside the global unicast range";
  return null;
}

const rangeNames: Record<string, string> = {
  unspecified: "unspecified",
  broadcast: "broadcast",
  multicast: "multicast",
  linkLocal: "link-local",
  loopback: "loopback",
  carrierGradeNat: "carrier-grade NAT",
  private: "private",
  reserved: "reserved or documentation",
  uniqueLocal: "unique local (private)",
  ipv4Mapped: "IPv4-mapped IPv6",
  rfc6145: "IPv4-translated IPv6",
  rfc6052: "NAT64",
  "6to4": "6to4",
  teredo: "Teredo",
};

function describe(range: string): string {
  return rangeNames[range] ?? `special-purpose (${range})`;
}

export const systemResolver: Resolver = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/**
 * Resolve a host and check every address it has (one private address among public ones is enough
 * to refuse). Returns the addresses a connection may use.
 */
export async function resolvePublicAddresses(hostname: string, policy: DestinationPolicy): Promise<ResolvedAddress[]> {
  const literal = isIP(hostname);
  const addresses: ResolvedAddress[] = literal
    ? [{ address: hostname, family: literal === 6 ? 6 : 4 }]
    : await (policy.resolve ?? systemResolver)(hostname);
  if (addresses.length === 0) throw new ForbiddenDestinationError(`${hostname} does not resolve to any address`);
  if (policy.allowPrivate) return addresses;
  for (const a of addresses) {
    const reason = forbiddenAddressReason(a.address);
    if (reason) {
      const shown = literal ? a.address : `${hostname} resolves to ${a.address}, which`;
      throw new ForbiddenDestinationError(`${shown} ${reason}; webhooks only go to public addresses`);
    }
  }
  return addresses;
}

/**
 * Check a URL when an endpoint is saved: its shape, and the addresses its host resolves to now.
 * A name that does not resolve yet is accepted; every connection checks again.
 */
export async function checkWebhookDestination(raw: string, policy: DestinationPolicy): Promise<string | null> {
  const shape = webhookUrlShapeError(raw);
  if (shape) return shape;
  try {
    await resolvePublicAddresses(hostOf(new URL(raw)), policy);
    return null;
  } catch (err) {
    if (err instanceof ForbiddenDestinationError) return err.message;
    return null;
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request/https.request that resolves, checks, and hands the socket only the
 * address it checked — so DNS rebinding between check and connect cannot reach a private host.
 */
export function pinnedLookup(policy: DestinationPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolvePublicAddresses(hostname, policy).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        const usable = wanted.length > 0 ? wanted : addresses;
        if (options.all) callback(null, usable.map((a) => ({ address: a.address, family: a.family })));
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (err: unknown) => {
        const e = (err instanceof Error ? err : new Error(String(err))) as NodeJS.ErrnoException;
        callback(e, "", 0);
      },
    );
  };
}
