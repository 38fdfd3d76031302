import { z } from "zod";
import { isChoice, isMultiple, type AnswerValue, type Question } from "./definition";

// Client-safe: the runtime form, the API and the services check answers the same way.

export const MAX_EMAIL_LENGTH = 254;
const emailSchema = z.string().trim().toLowerCase().max(MAX_EMAIL_LENGTH).pipe(z.email());

export type AnswerCheck = { ok: true; value: AnswerValue } | { ok: false; message: string; code: AnswerErrorCode };
export type AnswerErrorCode = "required" | "wrong_type" | "unknown_option" | "too_few" | "too_many" | "out_of_range" | "too_long" | "invalid_email";

const fail = (code: AnswerErrorCode, message: string): AnswerCheck => ({ ok: false, code, message });

function isEmpty(raw: unknown): boolean {
  return raw === undefined || raw === null || raw === "" || (Array.isArray(raw) && raw.length === 0);
}

/**
 * Check one answer against its question. `source` says how lenient to be about types: a form
 * sends every value as a string (a scale "4", one checkbox as a string rather than a list);
 * JSON callers must send the real type. An empty answer to an optional question is stored as null.
 */
export function checkAnswer(q: Question, raw: unknown, source: "form" | "json"): AnswerCheck {
  if (isEmpty(raw)) return q.required ? fail("required", "This question needs an answer") : { ok: true, value: null };
  if (isChoice(q)) {
    const keys = new Set(q.options.map((o) => o.key));
    if (isMultiple(q)) {
      const list = Array.isArray(raw) ? raw : source === "form" ? [raw] : null;
      if (!list || !list.every((v) => typeof v === "string")) return fail("wrong_type", "Send a list of option keys");
      const unique = [...new Set(list as string[])];
      const unknown = unique.find((v) => !keys.has(v));
      if (unknown !== undefined) return fail("unknown_option", `"${unknown.slice(0, 40)}" is not an option of this question`);
      const min = "minSelected" in q && q.minSelected !== undefined ? q.minSelected : q.required ? 1 : 0;
      const max = "maxSelected" in q && q.maxSelected !== undefined ? q.maxSelected : q.options.length;
      if (unique.length < min) return fail("too_few", `Choose at least ${min}`);
      if (unique.length > max) return fail("too_many", `Choose at most ${max}`);
      // Stored in the question's option order, so the same choice is always the same value.
      return { ok: true, value: q.options.map((o) => o.key).filter((k) => unique.includes(k)) };
    }
    if (typeof raw !== "string") return fail("wrong_type", "Send one option key");
    if (!keys.has(raw)) return fail("unknown_option", `"${raw.slice(0, 40)}" is not an option of this question`);
    return { ok: true, value: raw };
  }
  switch (q.type) {
    case "scale": {
      const n = typeof raw === "number" ? raw : source === "form" && typeof raw === "string" && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
      if (typeof raw !== "number" && source === "json") return fail("wrong_type", "Send a number");
      if (!Number.isInteger(n)) return fail("wrong_type", "Send a whole number");
      if (n < q.min || n > q.max) return fail("out_of_range", `Choose a number from ${q.min} to ${q.max}`);
      return { ok: true, value: n };
    }
    case "short_text": {
      if (typeof raw !== "string") return fail("wrong_type", "Send a text");
      const text = raw.replace(/\r\n/g, "\n").trim();
      if (!text) return q.required ? fail("required", "This question needs an answer") : { ok: true, value: null };
      if (text.length > q.maxLength) return fail("too_long", `Use at most ${q.maxLength} characters`);
      return { ok: true, value: text };
    }
    case "email": {
      if (typeof raw !== "string") return fail("wrong_type", "Send an email address as a text");
      const parsed = emailSchema.safeParse(raw);
      if (!parsed.success) return fail("invalid_email", "Enter a valid email address");
      return { ok: true, value: parsed.data };
    }
  }
  return fail("wrong_type", "This question cannot be answered");
}

/** Two stored answers are the same (lists compare in order: they are stored in option order). */
export function sameAnswer(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}
