/** @jsxImportSource preact */
import type { Branding } from "@/components/public/document";
import type { Locale } from "@/lib/i18n/locales";
import type { WhatWeKnow } from "@/lib/profiles/what-we-know";
import { ErrorSummary, PreferenceShell, StatusNotice, type T } from "./shell";

type Trait = WhatWeKnow["traits"][number];
type Choices = { unsubscribedAll: boolean; pausedUntil: Date | null; choices: { topic: string; channel: string; status: string; frequency: string }[] };

function Hidden(p: { token: string; action: string; trait?: string }) {
  return (
    <>
      <input type="hidden" name="t" value={p.token} />
      <input type="hidden" name="action" value={p.action} />
      {p.trait ? <input type="hidden" name="trait" value={p.trait} /> : null}
    </>
  );
}

/** The control for a new value of a trait, by its type. */
function TraitInput(p: { t: T; trait: Trait; id: string }) {
  const { trait, t } = p;
  if (trait.type === "boolean") {
    return (
      <select id={p.id} name="value">
        <option value="true" selected={trait.value === true}>
          {t("dataYes")}
        </option>
        <option value="false" selected={trait.value === false}>
          {t("dataNo")}
        </option>
      </select>
    );
  }
  if (trait.type === "string_list" && trait.allowedValues) {
    const chosen = Array.isArray(trait.value) ? trait.value : [];
    return (
      <fieldset id={p.id}>
        <legend class="sr-only">{trait.label}</legend>
        {trait.allowedValues.map((o) => (
          <label key={o.value} class="choice" for={`${p.id}-${o.value}`}>
            <input type="checkbox" id={`${p.id}-${o.value}`} name="value" value={o.value} checked={chosen.includes(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </fieldset>
    );
  }
  if (trait.allowedValues) {
    return (
      <select id={p.id} name="value">
        {trait.allowedValues.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === trait.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  const value = Array.isArray(trait.value) ? trait.value.join(", ") : String(trait.value);
  return trait.type === "number" ? <input type="number" id={p.id} name="value" value={value} /> : <input type="text" id={p.id} name="value" value={value} />;
}

/** "What we know about you": each fact with its source and time, editable and deletable; consent; subscriptions. */
export function DataPage(p: {
  t: T;
  brand: Branding;
  locale: Locale;
  locales: Locale[];
  hrefFor: (locale: Locale) => string;
  data: WhatWeKnow;
  action: string;
  token: string;
  backHref: string;
  status: string[];
  errors: { field?: string; message: string }[];
}) {
  const { t, data } = p;
  const when = new Intl.DateTimeFormat(p.locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  const subs = data.sections.subscriptions as Choices | undefined;
  return (
    <PreferenceShell t={t} locale={p.locale} locales={p.locales} hrefFor={p.hrefFor} brand={p.brand} title={t("dataTitle")}>
      <p>
        <a href={p.backHref}>← {t("back")}</a>
      </p>
      <h1>{t("dataTitle")}</h1>
      <p>{t("dataPageIntro", { brand: p.brand.name })}</p>
      <ErrorSummary t={t} errors={p.errors} />
      <StatusNotice messages={p.status} />

      <section class="card" aria-labelledby="profile-h">
        <h2 id="profile-h">{t("dataProfile")}</h2>
        <dl>
          <dt>{t("dataEmail")}</dt>
          <dd>{data.profile.email ?? "—"}</dd>
          <dt>{t("dataSince")}</dt>
          <dd>{when.format(data.profile.createdAt)}</dd>
        </dl>
      </section>

      <section class="card" aria-labelledby="traits-h">
        <h2 id="traits-h">{t("dataTraits")}</h2>
        {data.traits.length === 0 ? <p class="muted">{t("dataNoTraits")}</p> : null}
        {data.traits.map((trait) => (
          <article key={trait.key} class="trait" aria-labelledby={`tr-${trait.key}`}>
            <h3 id={`tr-${trait.key}`}>
              {trait.label}: <span class="value">{trait.display}</span>
            </h3>
            <p class="small muted">
              {t("dataSource")}: {trait.source.label} · {when.format(trait.declaredAt)} · {t("dataPurpose")}: {trait.purpose.label}
            </p>
            {trait.history.length > 1 ? (
              <details class="small">
                <summary>{t("dataHistory")}</summary>
                <ul>
                  {trait.history.map((h, i) => (
                    <li key={i}>
                      {h.display} — {h.source}, {when.format(h.at)}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
            <div class="actions">
              {trait.editable ? (
                <form method="post" action={p.action} class="inline">
                  <Hidden token={p.token} action="edit_trait" trait={trait.key} />
                  <label for={`v-${trait.key}`} class="sr-only">
                    {trait.label}
                  </label>
                  <TraitInput t={t} trait={trait} id={`v-${trait.key}`} />
                  <button type="submit" class="btn secondary">
                    {t("dataSaveTrait")}
                    <span class="sr-only">: {trait.label}</span>
                  </button>
                </form>
              ) : null}
              <form method="post" action={p.action}>
                <Hidden token={p.token} action="delete_trait" trait={trait.key} />
                <button type="submit" class="btn secondary">
                  {t("dataDeleteTrait")}
                  <span class="sr-only">: {trait.label}</span>
                </button>
              </form>
            </div>
          </article>
        ))}
      </section>

      <section class="card" aria-labelledby="subs-h">
        <h2 id="subs-h">{t("dataSubscriptions")}</h2>
        {subs && subs.choices.length > 0 ? (
          <table>
            <caption class="sr-only">{t("dataSubscriptions")}</caption>
            <tbody>
              {subs.choices.map((c) => (
                <tr key={`${c.topic}/${c.channel}`}>
                  <th scope="row">{c.topic}</th>
                  <td>{t(`channel_${c.channel as "email"}`)}</td>
                  <td>{t(`subscription_${c.status as "subscribed"}`)}</td>
                  <td>{t(`frequency_${c.frequency as "weekly"}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">{t("dataNoSubscriptions")}</p>
        )}
      </section>

      <section class="card" aria-labelledby="consent-h">
        <h2 id="consent-h">{t("dataConsent")}</h2>
        <ul>
          {data.consent.current.map((c) => (
            <li key={c.purpose}>
              <strong>{c.label}</strong>: {c.granted === true ? t("purposeGranted") : c.granted === false ? t("purposeWithdrawn") : t("purposeUnknown")}
            </li>
          ))}
        </ul>
        {data.consent.records.length > 0 ? (
          <details class="small">
            <summary>{t("dataRecords")}</summary>
            <ul>
              {data.consent.records.map((r) => (
                <li key={r.id}>
                  {when.format(r.recordedAt)} — {r.purpose}: {r.action === "grant" ? t("dataRecordGrant") : t("dataRecordWithdraw")} ({r.method}, {r.collectionPoint})
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>
    </PreferenceShell>
  );
}
