import type { QuizDefinition } from "./definition";

// Pure helpers that turn a request's URL and headers into a response's context, without personal data.

export const UTM_KEYS = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"] as const;
const MAX_VALUE = 200;

/** Mobile, tablet or desktop from a user agent; the user agent itself is not kept. */
export function deviceClass(userAgent: string | null | undefined): "mobile" | "tablet" | "desktop" {
  const ua = userAgent ?? "";
  if (/iPad|Tablet|PlayBook|Silk|Android(?!.*Mobile)/i.test(ua)) return "tablet";
  if (/Mobi|iPhone|iPod|Android|IEMobile|Opera Mini/i.test(ua)) return "mobile";
  return "desktop";
}

/** The referring page without its query or fragment (those often carry personal data). */
export function cleanReferrer(referrer: string | null | undefined): string | undefined {
  if (!referrer) return undefined;
  try {
    const u = new URL(referrer);
    if (u.protocol !== "http:" && u.protocol !== "https:") return undefined;
    return `${u.origin}${u.pathname}`.slice(0, 500);
  } catch {
    return undefined;
  }
}

function clip(value: string | null): string | undefined {
  const v = value?.trim();
  return v ? v.slice(0, MAX_VALUE) : undefined;
}

/** UTM parameters present in the params. */
export function utmFrom(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of UTM_KEYS) {
    const v = clip(params.get(key));
    if (v) out[key] = v;
  }
  return out;
}

/** The quiz's declared hidden fields present in the params; undeclared names are ignored. */
export function hiddenFrom(def: QuizDefinition, params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of def.hiddenFields) {
    const v = clip(params.get(field.key));
    if (v) out[field.key] = v;
  }
  return out;
}

/** The hidden fields, UTM and referrer carried from the landing URL through the start form. */
export function carriedParams(def: QuizDefinition, params: URLSearchParams): [string, string][] {
  const keep = new Set<string>([...UTM_KEYS, ...def.hiddenFields.map((h) => h.key), "ref"]);
  return [...params.entries()].filter(([k, v]) => keep.has(k) && v.trim()).map(([k, v]) => [k, v.slice(0, MAX_VALUE)]);
}
