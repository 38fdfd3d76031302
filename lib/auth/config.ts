import "server-only";
import type { NextAuthConfig } from "next-auth";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import Nodemailer from "next-auth/providers/nodemailer";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import type { Provider } from "next-auth/providers";
import { env, type Env } from "@/lib/core/env";
import { getDb, type Db } from "@/lib/db/client";
import { accounts, sessions, users, verificationTokens } from "@/lib/db/schema";
import { sendMail } from "@/lib/email/service";
import { magicLinkEmail } from "@/lib/email/templates";

/** Magic links live ten minutes and work once (Auth.js deletes the hashed token when it is used). */
export const MAGIC_LINK_MAX_AGE_SECONDS = 10 * 60;
export const AUTH_BASE_PATH = "/api/auth";

export const authPages = {
  signIn: "/signin",
  verifyRequest: "/signin/check-email",
  error: "/signin/error",
} as const;

export type OAuthProviderId = "github" | "google";

/** The OAuth providers that have credentials configured; the rest stay off. */
export function enabledOAuthProviders(e: Env = env()): { id: OAuthProviderId; name: string }[] {
  const out: { id: OAuthProviderId; name: string }[] = [];
  if (e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET) out.push({ id: "github", name: "GitHub" });
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) out.push({ id: "google", name: "Google" });
  return out;
}

/** Move a link Auth.js built onto APP_URL, so a forged Host header can never choose where links point. */
export function onAppOrigin(url: string, appUrl: string): string {
  const parsed = new URL(url);
  return new URL(`${parsed.pathname}${parsed.search}`, `${appUrl}/`).toString();
}

/** Where Auth.js may send someone after sign-in: a path on APP_URL, never another site. */
export function safeRedirect(url: string, appUrl: string): string {
  if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return `${appUrl}${url}`;
  try {
    if (new URL(url).origin === new URL(appUrl).origin) return url;
  } catch {
    // Not a URL at all: fall through to the home page.
  }
  return appUrl;
}

function providers(e: Env, db: Db): Provider[] {
  const list: Provider[] = [
    Nodemailer({
      // Auth.js wants a server here even though our sendVerificationRequest delivers through lib/email.
      server: e.SMTP_URL ?? "smtp://localhost:25",
      from: e.MAIL_FROM,
      maxAge: MAGIC_LINK_MAX_AGE_SECONDS,
      async sendVerificationRequest({ identifier, url, token }) {
        const link = onAppOrigin(url, e.APP_URL);
        const content = magicLinkEmail({
          url: link,
          host: new URL(e.APP_URL).host,
          expiresInMinutes: MAGIC_LINK_MAX_AGE_SECONDS / 60,
        });
        const result = await sendMail(db, { ...content, kind: "auth.magic_link", to: identifier, secrets: [token] });
        // Known and unknown addresses fail alike, so this reveals nothing about accounts.
        if (result.status === "failed") throw new Error("The sign-in email could not be sent");
      },
    }),
  ];
  if (e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET) {
    list.push(GitHub({ clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET }));
  }
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) {
    list.push(Google({ clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET }));
  }
  return list;
}

/**
 * The Auth.js configuration, built per call so the database opens on first use and never
 * at import time (`next build` imports every route).
 */
export async function buildAuthConfig(database?: Db): Promise<NextAuthConfig> {
  const e = env();
  // Auth.js reads AUTH_URL itself to build every URL (links, redirects, callbacks). Pinning it to
  // APP_URL means the Host and X-Forwarded-Host headers of a request are never trusted for that.
  process.env.AUTH_URL = e.APP_URL;
  const db = database ?? (await getDb());
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    secret: e.AUTH_SECRET,
    basePath: AUTH_BASE_PATH,
    // Safe because AUTH_URL is pinned above: the request's host is not used to build URLs.
    trustHost: true,
    // Database sessions: signing out deletes the row, so a copied cookie stops working at once.
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    // Auth.js cookies are HttpOnly and SameSite=Lax; Secure (and __Secure- names) in production.
    useSecureCookies: e.NODE_ENV === "production",
    pages: authPages,
    providers: providers(e, db),
    callbacks: {
      session({ session, user }) {
        return { ...session, user: { ...session.user, id: user.id } };
      },
      redirect({ url }) {
        return safeRedirect(url, e.APP_URL);
      },
    },
    logger: {
      error(error) {
        // Expected user errors (expired links) are not server faults; keep them short in the log.
        const name = (error as { type?: string }).type ?? error.name;
        if (name === "Verification") console.warn("[auth] a sign-in link was expired or already used");
        else console.error("[auth]", error);
      },
      warn(code) {
        if (code !== "debug-enabled") console.warn("[auth]", code);
      },
    },
  };
}
