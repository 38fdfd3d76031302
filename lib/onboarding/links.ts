import { hmacSha256Base64Url, safeEqual } from "@/lib/core/crypto";

/**
 * Signed checklist links: `<payload>.<signature>`, the payload naming the workspace, the profile
 * and the expiry, signed with the workspace's link secret under its own context (so a preference
 * link can never open a checklist, nor the reverse). Rotating the secret revokes them all.
 */
const CONTEXT = "candor-checklist-v1.";
export const CHECKLIST_LINK_DAYS = 90;

export function createChecklistToken(secret: string, claims: { workspaceId: string; profileId: string; expiresAt: Date }): string {
  const payload = Buffer.from(JSON.stringify([claims.workspaceId, claims.profileId, Math.floor(claims.expiresAt.getTime() / 1000)])).toString("base64url");
  return `${payload}.${hmacSha256Base64Url(secret, CONTEXT + payload)}`;
}

export type ChecklistAccess = { ok: true; profileId: string } | { ok: false; reason: "invalid" | "expired" };

/** Check a checklist token for one workspace; never throws. */
export function verifyChecklistToken(secret: string, token: string | null | undefined, expect: { workspaceId: string; now: Date }): ChecklistAccess {
  const invalid = { ok: false, reason: "invalid" } as const;
  if (!token || token.length > 400) return invalid;
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length) return invalid;
  if (!safeEqual(signature, hmacSha256Base64Url(secret, CONTEXT + payload))) return invalid;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return invalid;
  }
  if (!Array.isArray(body) || body.length !== 3) return invalid;
  const [workspaceId, profileId, exp] = body as unknown[];
  if (workspaceId !== expect.workspaceId || typeof profileId !== "string" || typeof exp !== "number") return invalid;
  if (exp * 1000 <= expect.now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, profileId };
}
