/** @jsxImportSource preact */
import type { Branding } from "@/components/public/document";
import type { Locale } from "@/lib/i18n/locales";
import type { PreferenceCenterModel } from "@/lib/preferences/page-model";
import { ErrorSummary, PreferenceShell, StatusNotice, type T } from "./shell";

export interface PreferenceCenterProps {
  t: T;
  brand: Branding;
  model: PreferenceCenterModel;
  /** Where every form posts (the page itself, with the locale). */
  action: string;
  token: string;
  hrefFor: (locale: Locale) => string;
  links: { data: string; export: string; delete: string };
  status: string[];
  errors: { field?: string; message: string }[];
  gpcHonoured: boolean;
  /** Today (UTC, YYYY-MM-DD), the earliest date a pause may end after. */
  today: string;
}

function Hidden(props: { token: string; action: string }) {
  return (
    <>
      <input type="hidden" name="t" value={props.token} />
      <input type="hidden" name="action" value={props.action} />
    </>
  );
}

function formatDate(d: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(d);
}

/** The hosted preference center: plain forms that work without JavaScript. */
export function PreferenceCenterPage(p: PreferenceCenterProps) {
  const { t, model } = p;
  const title = model.copy.title || t("title");
  return (
    <PreferenceShell t={t} locale={model.locale} locales={model.locales} hrefFor={p.hrefFor} brand={p.brand} title={title} footerText={model.copy.footer}>
      <h1>{title}</h1>
      <p>{model.copy.intro || t("intro", { brand: p.brand.name })}</p>
      <ErrorSummary t={t} errors={p.errors} />
      <StatusNotice messages={p.status} />
      {p.gpcHonoured ? <p class="notice">{t("gpcHonoured")}</p> : null}

      {model.unsubscribedAll ? (
        <form method="post" action={p.action} class="notice">
          <Hidden token={p.token} action="resubscribe" />
          <p>
            <strong>{t("unsubscribedAll")}</strong>
          </p>
          <button type="submit" class="btn secondary">
            {t("resubscribe")}
          </button>
        </form>
      ) : null}
      {model.pausedUntil ? (
        <form method="post" action={p.action} class="notice">
          <Hidden token={p.token} action="resume" />
          <p>
            <strong>{t("pausedUntil", { date: formatDate(model.pausedUntil, model.locale) })}</strong>
          </p>
          <button type="submit" class="btn secondary">
            {t("resume")}
          </button>
        </form>
      ) : null}

      <section class="card" aria-labelledby="topics-h">
        <h2 id="topics-h">{t("topicsHeading")}</h2>
        <form method="post" action={p.action}>
          <Hidden token={p.token} action="save" />
          {model.marketingNotice ? <input type="hidden" name="notice" value={model.marketingNotice.id} /> : null}
          {model.topics.map((topic) => (
            <fieldset key={topic.key} aria-describedby={topic.description ? `d-${topic.key}` : undefined}>
              <legend>{topic.name}</legend>
              {topic.description ? (
                <p class="muted small" id={`d-${topic.key}`}>
                  {topic.description}
                </p>
              ) : null}
              {topic.transactional ? <p class="small">{t("transactional")}</p> : null}
              {topic.channels.map((c) => {
                const id = `${topic.key}.${c.channel}`;
                const ticked = c.status !== "unsubscribed";
                return (
                  <div key={id} class="channel">
                    <label class="choice" for={`s.${id}`}>
                      <input
                        type="checkbox"
                        id={`s.${id}`}
                        name={topic.transactional ? undefined : `s.${id}`}
                        checked={ticked}
                        disabled={topic.transactional}
                        aria-describedby={c.status === "pending" ? `p.${id}` : undefined}
                      />
                      <span>{t(`channel_${c.channel}`)}</span>
                    </label>
                    {topic.transactional ? null : <input type="hidden" name={`was.${id}`} value={c.status} />}
                    {c.status === "pending" ? (
                      <p class="small pending" id={`p.${id}`}>
                        {t("pending")}
                      </p>
                    ) : null}
                    {topic.frequencies.length > 1 ? (
                      <div class="freq">
                        <label for={`f.${id}`}>
                          {t("frequency")} <span class="sr-only">({t(`channel_${c.channel}`)})</span>
                        </label>
                        <select id={`f.${id}`} name={`f.${id}`}>
                          {topic.frequencies.map((f) => (
                            <option key={f} value={f} selected={f === c.frequency}>
                              {t(`frequency_${f}`)}
                            </option>
                          ))}
                        </select>
                        <input type="hidden" name={`wasf.${id}`} value={c.frequency} />
                      </div>
                    ) : null}
                  </div>
                );
              })}
            </fieldset>
          ))}
          {model.marketingNotice ? (
            <details class="small">
              <summary>{t("marketingNotice")}</summary>
              <p>{model.marketingNotice.text}</p>
            </details>
          ) : null}
          <div class="actions">
            <button type="submit" class="btn">
              {t("save")}
            </button>
          </div>
        </form>
      </section>

      <section class="card" aria-labelledby="pause-h">
        <h2 id="pause-h">{t("pauseHeading")}</h2>
        <form method="post" action={p.action}>
          <Hidden token={p.token} action="pause" />
          <fieldset id="pause">
            <legend>{t("pauseIntro")}</legend>
            {(["week", "month", "three_months", "until"] as const).map((choice) => (
              <label key={choice} class="choice" for={`pause-${choice}`}>
                <input type="radio" id={`pause-${choice}`} name="pause" value={choice} checked={choice === "week"} />
                <span>{t(`pause_${choice}`)}</span>
              </label>
            ))}
            <label for="until">{t("pauseDate")}</label>
            <input type="date" id="until" name="until" min={p.today} />
          </fieldset>
          <button type="submit" class="btn secondary">
            {t("pauseButton")}
          </button>
        </form>
      </section>

      {model.unsubscribedAll ? null : (
        <section class="card" aria-labelledby="stop-h">
          <h2 id="stop-h">{t("stopHeading")}</h2>
          <p class="muted">{t("stopIntro")}</p>
          <form method="post" action={p.action}>
            <Hidden token={p.token} action="unsubscribe_all" />
            {model.marketingNotice ? <input type="hidden" name="notice" value={model.marketingNotice.id} /> : null}
            <button type="submit" class="btn danger">
              {t("stopButton")}
            </button>
          </form>
        </section>
      )}

      {model.purposes.length > 0 ? (
        <section class="card" aria-labelledby="purposes-h">
          <h2 id="purposes-h">{t("purposesHeading")}</h2>
          {model.purposes.map((purpose) => (
            <form key={purpose.key} method="post" action={p.action} class="purpose" aria-labelledby={`pu-${purpose.key}`}>
              <Hidden token={p.token} action="consent" />
              <input type="hidden" name="purpose" value={purpose.key} />
              <input type="hidden" name="decision" value={purpose.granted ? "withdraw" : "grant"} />
              {purpose.noticeVersionId ? <input type="hidden" name="notice" value={purpose.noticeVersionId} /> : null}
              <h3 id={`pu-${purpose.key}`}>{purpose.title}</h3>
              <p class="small">{purpose.text}</p>
              <p class="small">
                <strong>{purpose.granted === true ? t("purposeGranted") : purpose.granted === false ? t("purposeWithdrawn") : t("purposeUnknown")}</strong>
              </p>
              {!purpose.granted && purpose.gpc ? (
                <label class="choice" for={`gpc-${purpose.key}`}>
                  <input type="checkbox" id={`gpc-${purpose.key}`} name="confirmGpc" value="yes" />
                  <span>{t("gpcConfirm")}</span>
                </label>
              ) : null}
              <button type="submit" class="btn secondary">
                {purpose.granted ? t("disallow") : t("allow")}
                <span class="sr-only">: {purpose.title}</span>
              </button>
            </form>
          ))}
        </section>
      ) : null}

      <section class="card" aria-labelledby="data-h">
        <h2 id="data-h">{t("dataHeading")}</h2>
        <p class="muted">{t("dataIntro")}</p>
        <ul class="links">
          <li>
            <a href={p.links.data}>{t("whatWeKnow")}</a>
          </li>
          <li>
            <a href={p.links.export}>{t("exportData")}</a>
          </li>
          <li>
            <a href={p.links.delete}>{t("deleteData")}</a>
          </li>
        </ul>
      </section>
    </PreferenceShell>
  );
}
