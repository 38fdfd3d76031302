/** @jsxImportSource preact */
import type { ComponentChildren } from "preact";
import { PublicDocument, type Branding } from "@/components/public/document";
import type { Locale } from "@/lib/i18n/locales";
import type { PreferenceMessageKey } from "@/lib/preferences/messages";

export type T = (key: PreferenceMessageKey, vars?: Record<string, string | number>) => string;

const localeNames: Record<Locale, string> = { en: "English", de: "Deutsch" };

/** The frame of every preference page: brand header, main content, language links and small print. */
export function PreferenceShell(props: {
  t: T;
  locale: Locale;
  locales?: Locale[];
  /** The same page in another language (keeps the link token). */
  hrefFor?: (locale: Locale) => string;
  brand: Branding;
  title: string;
  footerText?: string;
  children: ComponentChildren;
}) {
  const { t } = props;
  const others = props.hrefFor && props.locales && props.locales.length > 1 ? props.locales : null;
  return (
    <PublicDocument
      lang={props.locale}
      title={`${props.title} · ${props.brand.name}`}
      brand={props.brand}
      skipLabel={t("skip")}
      footer={
        <>
          {others ? (
            <nav aria-label={t("languages")} class="langs">
              {others.map((l) =>
                l === props.locale ? (
                  <span key={l} aria-current="true" lang={l}>
                    {localeNames[l]}
                  </span>
                ) : (
                  <a key={l} href={props.hrefFor!(l)} lang={l} hreflang={l}>
                    {localeNames[l]}
                  </a>
                ),
              )}
            </nav>
          ) : null}
          <p>{props.footerText || t("footerWhy", { brand: props.brand.name })}</p>
        </>
      }
    >
      {props.children}
    </PublicDocument>
  );
}

/** A status line after a redirect, announced politely to screen readers. */
export function StatusNotice(props: { messages: string[] }) {
  if (props.messages.length === 0) return null;
  return (
    <div class="notice ok" role="status" data-autofocus tabindex={-1}>
      {props.messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}

/** The error summary: each message links to its field. */
export function ErrorSummary(props: { t: T; errors: { field?: string; message: string }[] }) {
  if (props.errors.length === 0) return null;
  return (
    <div class="notice err" role="alert" id="errors" tabindex={-1} data-autofocus>
      <h2>{props.t("errorsHeading")}</h2>
      <ul>
        {props.errors.map((e) => (
          <li key={e.message}>{e.field ? <a href={`#${e.field}`}>{e.message}</a> : e.message}</li>
        ))}
      </ul>
    </div>
  );
}
