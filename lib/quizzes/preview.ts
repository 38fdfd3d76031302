import "server-only";
import { hmacSha256Base64Url, safeEqual } from "@/lib/core/crypto";
import type { Answers } from "./definition";

// The builder's live preview runs the real runtime on the draft, carrying its state in the URL:
// nothing is stored. A signed, expiring token stands in for the admin session inside the iframe.

export const PREVIEW_TTL_SECONDS = 8 * 3600;

function sign(secret: string, quizId: string, exp: number): string {
  return hmacSha256Base64Url(secret, `quiz-preview:${quizId}:${exp}`);
}

/** A token that lets its holder preview this quiz's draft until it expires. */
export function previewToken(linkSecret: string, quizId: string, now: Date = new Date()): string {
  const exp = Math.floor(now.getTime() / 1000) + PREVIEW_TTL_SECONDS;
  return `${exp}.${sign(linkSecret, quizId, exp)}`;
}

export function verifyPreviewToken(linkSecret: string, quizId: string, token: string | null, now: Date = new Date()): boolean {
  const m = /^(\d{9,12})\.([A-Za-z0-9_-]{20,64})$/.exec(token ?? "");
  if (!m) return false;
  const exp = Number(m[1]);
  return exp >= now.getTime() / 1000 && safeEqual(m[2]!, sign(linkSecret, quizId, exp));
}

export interface PreviewState {
  answers: Answers;
  hidden: Record<string, string>;
}

const MAX_STATE = 16_000;

export function encodePreviewState(state: PreviewState): string {
  return Buffer.from(JSON.stringify({ a: state.answers, h: state.hidden })).toString("base64url");
}

/** The state from the URL; anything malformed is an empty run (it is only a preview). */
export function decodePreviewState(raw: string | null): PreviewState {
  if (!raw || raw.length > MAX_STATE) return { answers: {}, hidden: {} };
  try {
    const parsed = JSON.parse(Buffer.from(raw, "base64url").toString()) as { a?: unknown; h?: unknown };
    const answers: Answers = {};
    if (parsed.a && typeof parsed.a === "object") {
      for (const [k, v] of Object.entries(parsed.a as Record<string, unknown>)) {
        if (v === null || typeof v === "string" || typeof v === "number" || (Array.isArray(v) && v.every((x) => typeof x === "string"))) answers[k] = v as Answers[string];
      }
    }
    const hidden: Record<string, string> = {};
    if (parsed.h && typeof parsed.h === "object") {
      for (const [k, v] of Object.entries(parsed.h as Record<string, unknown>)) if (typeof v === "string") hidden[k] = v.slice(0, 200);
    }
    return { answers, hidden };
  } catch {
    return { answers: {}, hidden: {} };
  }
}
