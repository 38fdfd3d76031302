import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Auth, skipCSRFCheck } from "@auth/core";
import { desc, eq } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { env } from "@/lib/core/env";
import { outboundMail, sessions, verificationTokens } from "@/lib/db/schema";
import { ensureUser } from "@/lib/workspaces/service";
import { buildAuthConfig, MAGIC_LINK_MAX_AGE_SECONDS } from "./config";
import { createEmailSignInLink } from "./email-sign-in-link";

let h: DbHandle;
const app = () => env().APP_URL;

// The real Auth.js handler with Candor's configuration, on a test database.
async function authRequest(request: Request): Promise<Response> {
  const config = await buildAuthConfig(h.db);
  return Auth(request, { ...config, skipCSRFCheck });
}

async function requestLink(email: string, origin = app()) {
  const res = await authRequest(
    new Request(`${origin}/api/auth/signin/nodemailer`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", host: new URL(origin).host },
      body: new URLSearchParams({ email, callbackUrl: `${app()}/w` }),
    }),
  );
  const [mail] = await h.db.select().from(outboundMail).where(eq(outboundMail.to, email.trim().toLowerCase())).orderBy(desc(outboundMail.createdAt)).limit(1);
  const link = /https?:\/\/\S+\/api\/auth\/callback\/nodemailer\?\S+/.exec(mail?.text ?? "")?.[0];
  return { res, mail, link };
}

beforeAll(async () => {
  h = await createTestDb();
  vi.spyOn(console, "info").mockImplementation(() => {});
  vi.spyOn(console, "warn").mockImplementation(() => {});
});

afterAll(async () => {
  vi.restoreAllMocks();
  await h.close();
});

describe("magic links", () => {
  it("answers a known and an unknown address the same way", async () => {
    await ensureUser(h.db, "known@example.com");
    const known = await requestLink("known@example.com");
    const unknown = await requestLink("nobody-yet@example.com");
    expect(known.res.status).toBe(unknown.res.status);
    expect(known.res.headers.get("location")).toBe(unknown.res.headers.get("location"));
    expect(known.link).toBeDefined();
    expect(unknown.link).toBeDefined();
  });

  it("stores only a hash of the token, expiring in ten minutes", async () => {
    const before = Date.now();
    const { link } = await requestLink("hash@example.com");
    const token = new URL(link!).searchParams.get("token")!;
    const [row] = await h.db.select().from(verificationTokens).where(eq(verificationTokens.identifier, "hash@example.com"));
    expect(row!.token).not.toBe(token);
    expect(row!.token).toMatch(/^[0-9a-f]{64}$/);
    const ttl = row!.expires.getTime() - before;
    expect(ttl).toBeGreaterThan((MAGIC_LINK_MAX_AGE_SECONDS - 5) * 1000);
    expect(ttl).toBeLessThanOrEqual((MAGIC_LINK_MAX_AGE_SECONDS + 1) * 1000);
  });

  it("builds links on APP_URL even when the request names another host", async () => {
    const { link } = await requestLink("host@example.com", "https://evil.test");
    expect(new URL(link!).origin).toBe(new URL(app()).origin);
  });

  it("signs in once with a link; the second use is refused", async () => {
    const { link } = await requestLink("once@example.com");
    const first = await authRequest(new Request(link!));
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(`${app()}/w`);
    const cookie = first.headers.getSetCookie().find((c) => c.includes("session-token="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const sessionToken = /session-token=([^;]+)/.exec(cookie!)![1]!;
    expect(await h.db.select().from(sessions).where(eq(sessions.sessionToken, sessionToken))).toHaveLength(1);

    const second = await authRequest(new Request(link!));
    expect(second.headers.get("location")).toContain("/signin/error?error=Verification");
  });

  it("redeems the link Candor mints after an invitation", async () => {
    const link = await createEmailSignInLink(h.db, { email: "Invitee@Example.com", returnTo: "/w/glow" });
    const res = await authRequest(new Request(link));
    expect(res.headers.get("location")).toBe(`${app()}/w/glow`);
    expect(res.headers.getSetCookie().some((c) => c.includes("session-token="))).toBe(true);
  });
});
