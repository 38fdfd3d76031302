import { expect, type Cookie, type Page } from "@playwright/test";
import { linkIn, waitForMail } from "./mail";

// Sessions by address, so specs that sign in as the same seeded admin again reuse the session
// instead of asking for more links than the sign-in rate limit allows.
const sessions = new Map<string, Cookie[]>();

/** Sign in through a magic link caught by the SMTP sink; returns the link (empty when a session was reused). */
export async function signIn(page: Page, email: string, opts: { fresh?: boolean } = {}): Promise<string> {
  const known = sessions.get(email);
  if (known && !opts.fresh) {
    await page.context().addCookies(known);
    await page.goto("/w");
    if (!new URL(page.url()).pathname.startsWith("/signin")) return "";
  }
  const requestedAt = new Date(Date.now() - 1000);
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send sign-in link" }).click();
  await expect(page.getByRole("heading", { name: /check your email/i })).toBeVisible();
  const mail = await waitForMail(email, /sign-in link/i, 15_000, requestedAt);
  const base = new URL(page.url()).origin;
  const link = linkIn(mail, `${base}/api/auth/callback/`);
  await page.goto(link);
  sessions.set(email, await page.context().cookies());
  return link;
}

/** A unique address per test run, so reruns against one database never collide. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
}
