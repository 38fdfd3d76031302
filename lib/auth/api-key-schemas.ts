import { z } from "zod";

// Client-safe: the API keys page, its actions, the CLI and the adapter share these.

/**
 * What an API key may do. Each operation names the one scope it needs; a later feature adds its
 * scope here with a line that says what it grants. `*` grants everything, and `x:write` implies
 * `x:read` so a key that may change a thing can also read it back.
 */
export const apiScopeCatalogue = {
  "profiles:read": "Read profiles, their export, recommendations and onboarding",
  "profiles:write": "Create, update and erase profiles; create preference links",
  "preferences:read": "Read a profile's subscriptions, pause and unsubscribe-all",
  "preferences:write": "Change a profile's subscriptions, pause and unsubscribe-all",
  "consents:read": "Read a profile's consent ledger",
  "consents:write": "Record consent grants and withdrawals",
  "quizzes:read": "Read published quiz definitions and the responses people gave",
  "quizzes:write": "Submit quiz responses on behalf of a profile",
  "webhooks:manage": "Create, list and delete webhook endpoints",
  "events:read": "Read the workspace's event log",
  "conversions:write": "Record purchases and other conversions for a profile",
  "*": "Everything above, including scopes added later",
} as const;

export type ApiScope = keyof typeof apiScopeCatalogue;
export const apiScopes = Object.keys(apiScopeCatalogue) as [ApiScope, ...ApiScope[]];
export const apiScope = z.enum(apiScopes);

/** Whether a key holding `granted` may use an operation that needs `required`. */
export function scopeAllows(granted: readonly string[], required: ApiScope): boolean {
  if (granted.includes("*") || granted.includes(required)) return true;
  const [resource, action] = required.split(":");
  return action === "read" && granted.includes(`${resource}:write`);
}

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, "Enter a name").max(80, "Use at most 80 characters"),
  scopes: z
    .array(apiScope, { error: "Choose at least one scope" })
    .min(1, "Choose at least one scope")
    .transform((s) => (s.includes("*") ? ["*" as const] : [...new Set(s)].sort())),
});
export type CreateApiKeyInput = z.input<typeof createApiKeyInput>;

export const revokeApiKeyInput = z.object({ id: z.string().min(1) });

/** What anyone may see about a key: never the hash, and the plaintext only once at creation. */
export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}
