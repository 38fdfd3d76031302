import { z } from "zod";

// Client-safe: the sign-in form and its action validate with the same schema.

/** A path on this site to return to after sign-in; anything else (other hosts, //evil) becomes /w. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/w";
  // Never bounce back into the sign-in pages themselves.
  return value.startsWith("/signin") ? "/w" : value;
}

export const requestSignInLinkInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "That address is too long")
    .pipe(z.email("Enter an email address like name@example.com")),
  callbackUrl: z.unknown().transform(safeReturnPath),
});

export const oauthSignInInput = z.object({
  provider: z.enum(["github", "google"]),
  callbackUrl: z.unknown().transform(safeReturnPath),
});
