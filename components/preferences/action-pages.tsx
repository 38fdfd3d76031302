/** @jsxImportSource preact */
import type { Branding } from "@/components/public/document";
import type { Locale } from "@/lib/i18n/locales";
import { PreferenceShell, type T } from "./shell";

interface Common {
  t: T;
  brand: Branding;
  locale: Locale;
  locales: Locale[];
  hrefFor: (locale: Locale) => string;
}

/**
 * A page that asks before acting (unsubscribe, confirm a subscription, delete data): a GET only
 * shows it, and the button posts. After the action the same component shows the outcome.
 */
export function ActionPage(
  p: Common & {
    title: string;
    body: string;
    /** The form to post, or null once done. */
    form: { action: string; fields: Record<string, string>; button: string; danger?: boolean } | null;
    /** A way on (manage all preferences, cancel). */
    link?: { href: string; label: string };
  },
) {
  return (
    <PreferenceShell t={p.t} locale={p.locale} locales={p.locales} hrefFor={p.hrefFor} brand={p.brand} title={p.title}>
      <h1>{p.title}</h1>
      <p>{p.body}</p>
      {p.form ? (
        <form method="post" action={p.form.action} class="actions">
          {Object.entries(p.form.fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button type="submit" class={p.form.danger ? "btn danger" : "btn"}>
            {p.form.button}
          </button>
          {p.link ? <a href={p.link.href}>{p.link.label}</a> : null}
        </form>
      ) : p.link ? (
        <p>
          <a href={p.link.href}>{p.link.label}</a>
        </p>
      ) : null}
    </PreferenceShell>
  );
}
