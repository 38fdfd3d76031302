/** @jsxImportSource preact */
import type { Branding } from "@/components/public/document";
import type { Locale } from "@/lib/i18n/locales";
import { ErrorSummary, PreferenceShell, StatusNotice, type T } from "./shell";

interface Common {
  t: T;
  brand: Branding;
  locale: Locale;
  locales: Locale[];
  hrefFor: (locale: Locale) => string;
  /** Where the "email me a link" form posts. */
  action: string;
}

/** "Email me a link": the way in without a link; also shown under an invalid link. */
export function LinkRequestPage(p: Common & { variant?: "request" | "invalid"; status: string[]; errors: { field?: string; message: string }[]; email?: string }) {
  const { t } = p;
  const invalid = p.variant === "invalid";
  const title = invalid ? t("invalidTitle") : t("requestTitle");
  return (
    <PreferenceShell t={t} locale={p.locale} locales={p.locales} hrefFor={p.hrefFor} brand={p.brand} title={title}>
      <h1>{title}</h1>
      {invalid ? <p>{t("invalidBody")}</p> : null}
      <ErrorSummary t={t} errors={p.errors} />
      <StatusNotice messages={p.status} />
      <form method="post" action={p.action} class="card">
        <input type="hidden" name="action" value="request_link" />
        <p>{t("requestIntro")}</p>
        <label for="email">{t("email")}</label>
        <input
          type="email"
          id="email"
          name="email"
          autocomplete="email"
          required
          value={p.email ?? ""}
          aria-invalid={p.errors.some((e) => e.field === "email") ? "true" : undefined}
        />
        <div class="actions">
          <button type="submit" class="btn">
            {t("requestButton")}
          </button>
        </div>
      </form>
    </PreferenceShell>
  );
}

/** A genuine link past its expiry: offer a fresh one to the address on file. */
export function ExpiredLinkPage(p: Common & { token: string; status: string[] }) {
  const { t } = p;
  return (
    <PreferenceShell t={t} locale={p.locale} locales={p.locales} hrefFor={p.hrefFor} brand={p.brand} title={t("expiredTitle")}>
      <h1>{t("expiredTitle")}</h1>
      <StatusNotice messages={p.status} />
      <p>{t("expiredBody")}</p>
      {p.status.length === 0 ? (
        <form method="post" action={p.action}>
          <input type="hidden" name="action" value="fresh_link" />
          <input type="hidden" name="t" value={p.token} />
          <button type="submit" class="btn">
            {t("freshLink")}
          </button>
        </form>
      ) : null}
    </PreferenceShell>
  );
}

/** The profile behind the link was erased. */
export function GonePage(p: Omit<Common, "action">) {
  const { t } = p;
  return (
    <PreferenceShell t={t} locale={p.locale} locales={p.locales} hrefFor={p.hrefFor} brand={p.brand} title={t("goneTitle")}>
      <h1>{t("goneTitle")}</h1>
      <p>{t("goneBody")}</p>
    </PreferenceShell>
  );
}
