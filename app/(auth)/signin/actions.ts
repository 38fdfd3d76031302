"use server";

import { redirect, unstable_rethrow } from "next/navigation";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth";
import { authPages, enabledOAuthProviders } from "@/lib/auth/config";
import { oauthSignInInput, requestSignInLinkInput } from "@/lib/auth/sign-in-schemas";
import { formDataObject, type FormState } from "@/lib/forms/state";
import { consumeRateLimit } from "@/lib/api/rate-limit";
import { AppError } from "@/lib/core/errors";
import { sha256Hex } from "@/lib/core/crypto";
import { getDbHandle } from "@/lib/db/client";

// Per address, so nobody can flood an inbox with sign-in mail; every address gets the same budget.
const signInLinkPolicy = { name: "signin_link", points: 10, durationSeconds: 15 * 60 };

/** Email a single-use sign-in link. Every valid address gets the same answer, account or not. */
export async function requestSignInLink(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = requestSignInLinkInput.safeParse(formDataObject(formData));
  if (!parsed.success) {
    const message = parsed.error.issues.find((i) => i.path[0] === "email")?.message ?? "Enter a valid email address";
    return { ok: false, error: "Check the email address.", fieldErrors: { email: message }, values: { email: String(formData.get("email") ?? "") } };
  }
  let next: string = authPages.verifyRequest;
  try {
    await consumeRateLimit(signInLinkPolicy, sha256Hex(parsed.data.email), await getDbHandle());
    // Without redirect, Auth.js answers with a URL: its verify-request hop (skipped: we go straight to our
    // page) or, for errors it reports to users, its error page.
    const url: unknown = await signIn("nodemailer", { email: parsed.data.email, redirectTo: parsed.data.callbackUrl, redirect: false });
    if (typeof url === "string" && new URL(url, "http://x").searchParams.has("error")) next = url;
  } catch (err) {
    unstable_rethrow(err);
    if (err instanceof AppError && err.code === "rate_limited") {
      return {
        ok: false,
        error: "Several sign-in links were sent to this address recently. Use the newest one, or try again in 15 minutes.",
        fieldErrors: {},
        values: { email: parsed.data.email },
      };
    }
    if (err instanceof AuthError) console.warn("[auth] sign-in link request failed:", err.type);
    else console.error("[auth] sign-in link request failed:", err);
    return {
      ok: false,
      error: "We could not send the sign-in email just now. Try again in a minute.",
      fieldErrors: {},
      values: { email: parsed.data.email },
    };
  }
  redirect(next);
}

/** Hand over to GitHub or Google, when configured. */
export async function signInWithOAuth(formData: FormData): Promise<void> {
  const parsed = oauthSignInInput.safeParse(formDataObject(formData));
  if (!parsed.success || !enabledOAuthProviders().some((p) => p.id === parsed.data.provider)) {
    // A tampered form or a provider switched off since the page loaded: back to the form.
    redirect("/signin/error?error=Configuration");
  }
  await signIn(parsed.data.provider, { redirectTo: parsed.data.callbackUrl });
}
