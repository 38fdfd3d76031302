import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/** A new endpoint secret: `whsec_` + base64 of 32 random bytes (Standard Webhooks asks for ≥ 24). */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

export function isWebhookSecret(value: string): boolean {
  return /^whsec_[A-Za-z0-9+/]{43}=$/.test(value);
}

// Decoding the key once per secret keeps signing cheap at hundreds of deliveries a second.
const signers = new Map<string, Webhook>();
function signerFor(secret: string): Webhook {
  let signer = signers.get(secret);
  if (!signer) {
    if (signers.size > 10_000) signers.clear();
    signer = new Webhook(secret);
    signers.set(secret, signer);
  }
  return signer;
}

/**
 * Standard Webhooks headers for one attempt: the same `webhook-id` on every attempt, a fresh
 * timestamp, and one `v1,` signature per active secret (two while a rotation overlaps).
 */
export function signWebhook(p: { id: string; payload: string; secrets: string[]; at: Date }): Record<string, string> {
  const signatures = p.secrets.map((s) => signerFor(s).sign(p.id, p.at, p.payload));
  return {
    "webhook-id": p.id,
    "webhook-timestamp": String(Math.floor(p.at.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}

/** The secrets that sign right now: the current one, and the previous one until its overlap ends. */
export function activeSecrets(
  endpoint: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null },
  now: Date,
): string[] {
  const secrets = [endpoint.secret];
  if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    secrets.push(endpoint.previousSecret);
  }
  return secrets;
}
