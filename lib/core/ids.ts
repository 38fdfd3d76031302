import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

/** Prefixes of public ids, so an id says what it names (`prf_…` is a profile). */
export const idPrefixes = {
  workspace: "ws",
  member: "mem",
  invitation: "inv",
  apiKey: "key",
  audit: "aud",
  event: "evt",
  profile: "prf",
  trait: "trt",
  traitValue: "tv",
  consent: "con",
  notice: "ntc",
  topic: "top",
  subscription: "sub",
  quiz: "quz",
  quizVersion: "qv",
  response: "rsp",
  product: "prd",
  bundle: "bdl",
  bundleRule: "bnr",
  flow: "flw",
  flowStep: "stp",
  onboarding: "onb",
  stageChange: "stg",
  segment: "seg",
  webhookEndpoint: "ep",
  webhookDelivery: "dlv",
  webhookAttempt: "att",
  mail: "msg",
  conversion: "cnv",
  importJob: "imp",
} as const;

export type IdKind = keyof typeof idPrefixes;

function encode(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Time-ordered, prefixed id: 10 chars of millisecond time + 16 chars (80 bits) of randomness.
 * Time order keeps B-tree inserts local; the prefix makes ids self-describing in logs and support.
 */
export function newId(kind: IdKind, now: number = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return `${idPrefixes[kind]}_${time}${encode(randomBytes(10))}`;
}

/** True when `id` looks like an id of `kind` (cheap check before a lookup). */
export function isIdOf(kind: IdKind, id: string): boolean {
  return new RegExp(`^${idPrefixes[kind]}_[0-9a-z]{26}$`).test(id);
}

/** A random token of `bytes` bytes (default 32 = 256 bits), base64url. */
export function randomToken(bytes = 32): string {
  if (bytes < 16) throw new Error("tokens carry at least 128 bits");
  return randomBytes(bytes).toString("base64url");
}
