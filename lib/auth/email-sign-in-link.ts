import "server-only";
import type { Db } from "@/lib/db/client";
import { verificationTokens } from "@/lib/db/schema";
import { sha256Hex } from "@/lib/core/crypto";
import { randomToken } from "@/lib/core/ids";
import { env } from "@/lib/core/env";
import { systemClock, type Clock } from "@/lib/core/clock";
import { AUTH_BASE_PATH, MAGIC_LINK_MAX_AGE_SECONDS } from "./config";

/**
 * A one-time sign-in link for `email`, minted by Candor rather than mailed: used when the person
 * has just proven they read that inbox (an invitation link), so a second email would add nothing.
 * It is an ordinary Auth.js email token — stored as sha256(token + AUTH_SECRET), single use,
 * ten minutes — which the Nodemailer provider's callback redeems.
 */
export async function createEmailSignInLink(
  db: Db,
  p: { email: string; returnTo: string },
  clock: Clock = systemClock,
): Promise<string> {
  const e = env();
  const email = p.email.trim().toLowerCase();
  const token = randomToken(32);
  await db.insert(verificationTokens).values({
    identifier: email,
    token: sha256Hex(`${token}${e.AUTH_SECRET}`),
    expires: new Date(clock.now().getTime() + MAGIC_LINK_MAX_AGE_SECONDS * 1000),
  });
  const query = new URLSearchParams({ callbackUrl: `${e.APP_URL}${p.returnTo}`, token, email });
  return `${e.APP_URL}${AUTH_BASE_PATH}/callback/nodemailer?${query}`;
}
