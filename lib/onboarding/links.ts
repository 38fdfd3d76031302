import { hmacSha256Base64Url, safeEqual } from "@/lib/core/crypto";

/**
 * Signed checklist links: `<payload>.<signature>`, the payload naming the workspace, the profile
 * and the expiry, signed with the workspace's link secret under its own context (so a preference
 * link can never open a checklist, nor the reverse). Rotating the secret revokes them all.
 */
const CONTEXT = "candor-checklist-v1.";
// The dashboard's live preview of the checklist embed names a flow, never a person.
const PREVIEW_CONTEXT = "candor-checklist-preview-v1.";
export const CHECKLIST_LINK_DAYS = 90;
export const CHECKLIST_PREVIEW_MINUTES = 60;

function sign(secret: string, context: string, claims: [string, string, Date]): string {
  const [workspaceId, subject, expiresAt] = claims;
  const payload = Buffer.from(JSON.stringify([workspaceId, subject, Math.floor(expiresAt.getTime() / 1000)])).toString("base64url");
  return `${payload}.${hmacSha256Base64Url(secret, context + payload)}`;
}

type Verified = { ok: true; subject: string } | { ok: false; reason: "invalid" | "expired" };

function verify(secret: string, context: string, token: string | null | undefined, expect: { workspaceId: string; now: Date }): Verified {
  const invalid = { ok: false, reason: "invalid" } as const;
  if (!token || token.length > 400) return invalid;
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length) return invalid;
  if (!safeEqual(signature, hmacSha256Base64Url(secret, context + payload))) return invalid;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return invalid;
  }
  if (!Array.isArray(body) || body.length !== 3) return invalid;
  const [workspaceId, subject, exp] = body as unknown[];
  if (workspaceId !== expect.workspaceId || typeof subject !== "string" || typeof exp !== "number") return invalid;
  if (exp * 1000 <= expect.now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, subject };
}

export function createChecklistToken(secret: string, claims: { workspaceId: string; profileId: string; expiresAt: Date }): string {
  return sign(secret, CONTEXT, [claims.workspaceId, claims.profileId, claims.expiresAt]);
}

export type ChecklistAccess = { ok: true; profileId: string } | { ok: false; reason: "invalid" | "expired" };

/** Check a checklist token for one workspace; never throws. */
export function verifyChecklistToken(secret: string, token: string | null | undefined, expect: { workspaceId: string; now: Date }): ChecklistAccess {
  const v = verify(secret, CONTEXT, token, expect);
  return v.ok ? { ok: true, profileId: v.subject } : v;
}

/** A short-lived token that lets the embed show one flow's steps as a sample, with nothing to tick off. */
export function createChecklistPreviewToken(secret: string, claims: { workspaceId: string; flowKey: string; expiresAt: Date }): string {
  return sign(secret, PREVIEW_CONTEXT, [claims.workspaceId, claims.flowKey, claims.expiresAt]);
}

/** The flow a preview token names, or null; never throws. */
export function verifyChecklistPreviewToken(secret: string, token: string | null | undefined, expect: { workspaceId: string; now: Date }): string | null {
  const v = verify(secret, PREVIEW_CONTEXT, token, expect);
  return v.ok ? v.subject : null;
}
