import type { Locale } from "./locales";

/** A message table: every key in English; other locales may miss some (they fall back to English). */
export type Messages<K extends string> = { en: Record<K, string> } & {
  [L in Exclude<Locale, "en">]?: Partial<Record<K, string>>;
};

/** Build a translator for one locale; `{name}` placeholders are filled from `vars`. */
export function translator<K extends string>(messages: Messages<K>, locale: Locale) {
  const table: Partial<Record<K, string>> = locale === "en" ? messages.en : (messages[locale] ?? {});
  return (key: K, vars: Record<string, string | number> = {}): string => {
    const template: string = table[key] ?? messages.en[key];
    return template.replace(/\{(\w+)\}/g, (_match: string, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
  };
}
