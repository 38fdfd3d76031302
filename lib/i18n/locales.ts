/** Locales the public pages are translated into. Add one here and in every message table. */
export const supportedLocales = ["en", "de"] as const;
export type Locale = (typeof supportedLocales)[number];
export const defaultLocale: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

/** Parse an Accept-Language header into base language tags, best first. */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase().split("-")[0] ?? "", weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((x) => x.tag && x.tag !== "*" && x.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((x) => x.tag);
}

/**
 * Choose the locale of a public page: an explicit `?lang=`, then the profile's locale, then
 * Accept-Language, then the workspace default — each only if the page is translated into it.
 */
export function negotiateLocale<L extends string = Locale>(p: {
  query?: string | null;
  profileLocale?: string | null;
  acceptLanguage?: string | null;
  available?: readonly L[];
  fallback?: L;
}): L {
  const available = (p.available ?? supportedLocales) as readonly string[];
  const fallback = (p.fallback ?? available[0] ?? defaultLocale) as L;
  const candidates = [p.query, p.profileLocale, ...parseAcceptLanguage(p.acceptLanguage)]
    .filter((x): x is string => !!x)
    .map((x) => x.toLowerCase().split("-")[0]!);
  return (candidates.find((c) => available.includes(c)) as L | undefined) ?? fallback;
}
