import { expect, type Page } from "@playwright/test";
import { linkIn, waitForMail } from "./mail";

/** Sign in through a magic link caught by the SMTP sink. */
export async function signIn(page: Page, email: string): Promise<string> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send sign-in link" }).click();
  await expect(page.getByRole("heading", { name: /check your email/i })).toBeVisible();
  const mail = await waitForMail(email, /sign-in link/i);
  const base = new URL(page.url()).origin;
  const link = linkIn(mail, `${base}/api/auth/callback/`);
  await page.goto(link);
  return link;
}

/** A unique address per test run, so reruns against one database never collide. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
}
