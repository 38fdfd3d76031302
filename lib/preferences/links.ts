import { hmacSha256Base64Url, safeEqual } from "@/lib/core/crypto";
import type { Channel } from "@/lib/db/schema/preferences";
import { channels } from "@/lib/db/schema/preferences";

/**
 * Signed, profile-bound, expiring links. A token is `<payload>.<signature>`: the payload is
 * base64url JSON naming the workspace, profile, purpose of the link and its expiry; the
 * signature is HMAC-SHA256 with the workspace's `linkSecret`. Nothing is stored per link, so
 * rotating the secret revokes every link at once.
 */
export const linkKinds = {
  // The hosted preference center (and the data pages behind it).
  center: "c",
  // RFC 8058 one-click unsubscribe, global or scoped to a topic (and channel).
  unsubscribe: "u",
  // Double opt-in confirmation of one topic × channel.
  confirm: "d",
} as const;
export type LinkKind = keyof typeof linkKinds;

/** How long links work unless the caller says otherwise (days). Documented in the README. */
export const linkLifetimes = {
  // Links an ESP puts in every mail: mail is read late, and Gmail expects unsubscribe to keep working.
  api: 90,
  // "Email me a link": asked for now, used now.
  requested: 1,
  // Double opt-in: the confirmation request lapses with the pending subscription.
  confirm: 7,
} as const;

export interface LinkClaims {
  kind: LinkKind;
  workspaceId: string;
  profileId: string;
  expiresAt: Date;
  topic?: string;
  channel?: Channel;
}

export type LinkCheck =
  | { ok: true; claims: LinkClaims }
  // Signed by us but past its expiry: the page may offer a fresh link to the profile's address.
  | { ok: false; reason: "expired"; claims: LinkClaims }
  | { ok: false; reason: "invalid" };

const SIGNING_CONTEXT = "candor-link-v1.";
const kindByCode = Object.fromEntries(Object.entries(linkKinds).map(([k, v]) => [v, k])) as Record<string, LinkKind>;

function sign(secret: string, payload: string): string {
  return hmacSha256Base64Url(secret, SIGNING_CONTEXT + payload);
}

export function createLinkToken(secret: string, claims: LinkClaims): string {
  const body: (string | number)[] = [
    linkKinds[claims.kind],
    claims.workspaceId,
    claims.profileId,
    Math.floor(claims.expiresAt.getTime() / 1000),
  ];
  if (claims.topic) body.push(claims.topic);
  if (claims.channel) body.push(claims.channel);
  const payload = Buffer.from(JSON.stringify(body)).toString("base64url");
  return `${payload}.${sign(secret, payload)}`;
}

/** Check a token for one workspace and kind of link; never throws. */
export function verifyLinkToken(secret: string, token: string | null | undefined, expect: { workspaceId: string; kind: LinkKind; now: Date }): LinkCheck {
  const invalid = { ok: false, reason: "invalid" } as const;
  if (!token || token.length > 600) return invalid;
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length > 0) return invalid;
  if (!safeEqual(signature, sign(secret, payload))) return invalid;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return invalid;
  }
  if (!Array.isArray(body) || body.length < 4 || body.length > 6) return invalid;
  const [code, workspaceId, profileId, exp, topic, channel] = body as unknown[];
  const kind = typeof code === "string" ? kindByCode[code] : undefined;
  if (kind !== expect.kind || workspaceId !== expect.workspaceId || typeof profileId !== "string" || typeof exp !== "number") {
    return invalid;
  }
  if (topic !== undefined && typeof topic !== "string") return invalid;
  if (channel !== undefined && !(channels as readonly unknown[]).includes(channel)) return invalid;
  const claims: LinkClaims = {
    kind,
    workspaceId,
    profileId,
    expiresAt: new Date(exp * 1000),
    ...(topic ? { topic } : {}),
    ...(channel ? { channel: channel as Channel } : {}),
  };
  if (claims.expiresAt.getTime() <= expect.now.getTime()) return { ok: false, reason: "expired", claims };
  return { ok: true, claims };
}

export function daysFrom(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 86_400_000);
}
