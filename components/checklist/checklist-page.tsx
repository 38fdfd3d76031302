/** @jsxImportSource preact */
import { PublicDocument, type Branding } from "@/components/public/document";
import type { ChecklistMessageKey } from "@/lib/onboarding/messages";
import type { ChecklistView } from "@/lib/onboarding/schemas";

export type ChecklistT = (key: ChecklistMessageKey, vars?: Record<string, string | number>) => string;

/** Where the checklist is shown: the hosted page, an embed in a brand's page, or the dashboard's preview of one. */
export interface ChecklistSurface {
  /** Where the step forms post. */
  action: string;
  /** Fields each form carries so the post knows whose checklist it is (the signed link, or externalId and userHash). */
  hidden: Record<string, string>;
  /** Inside a brand's page: no brand header, the host shows its own. */
  bare?: boolean;
  /** A sample flow in the dashboard: nothing to tick off. */
  preview?: boolean;
}

/** The onboarding checklist: works with plain form posts, no script. */
export function ChecklistPage(p: { t: ChecklistT; lang: string; brand: Branding; view: ChecklistView; surface: ChecklistSurface; status: string | null }) {
  const { t, view } = p;
  const pct = view.progress.total ? Math.round((view.progress.done / view.progress.total) * 100) : 0;
  const date = new Intl.DateTimeFormat(p.lang, { dateStyle: "medium", timeZone: "UTC" });
  return (
    <PublicDocument lang={p.lang} title={`${view.flow.name} · ${p.brand.name}`} brand={p.brand} skipLabel={t("skip")} script={null} bare={p.surface.bare}>
      <h1>{view.flow.name}</h1>
      {view.flow.description ? <p class="muted">{view.flow.description}</p> : null}
      {p.surface.preview ? <p class="notice">{t("previewNote")}</p> : null}
      {p.status ? (
        <p class="notice ok" role="status">
          {p.status}
        </p>
      ) : null}
      <p id="progress-label">{view.completedAt ? t("allDone") : t("progress", { done: view.progress.done, total: view.progress.total })}</p>
      <div class="progress" role="progressbar" aria-labelledby="progress-label" aria-valuemin={0} aria-valuemax={view.progress.total} aria-valuenow={view.progress.done}>
        <span style={`width:${pct}%`} />
      </div>
      <ol class="grid" style="padding:0;list-style:none">
        {view.steps.map((step, i) => (
          <li key={step.key} class="card" aria-labelledby={`step-${step.key}`}>
            <h2 id={`step-${step.key}`}>
              <span class="muted">{i + 1}. </span>
              {step.title}
              {step.completed ? <span class="small muted"> — {t("done")}</span> : null}
            </h2>
            {step.bodyHtml ? <div dangerouslySetInnerHTML={{ __html: step.bodyHtml }} /> : null}
            <div class="actions">
              {step.cta ? (
                <a class={step.completed ? "btn secondary" : "btn"} href={step.cta.url}>
                  {step.cta.label}
                </a>
              ) : null}
              {step.completed ? (
                <p class="small muted">{t("doneOn", { date: date.format(new Date(step.completed.at)) })}</p>
              ) : step.completion.includes("person") ? (
                <form method="post" action={p.surface.action} class="inline">
                  {Object.entries(p.surface.hidden).map(([name, value]) => (
                    <input key={name} type="hidden" name={name} value={value} />
                  ))}
                  <input type="hidden" name="step" value={step.key} />
                  <button type="submit" class={step.cta ? "btn secondary" : "btn"} disabled={p.surface.preview}>
                    {t("markDone", { title: step.title })}
                  </button>
                </form>
              ) : (
                <p class="small muted">{step.completion.includes("event") ? t("completesItself") : t("completedByBrand")}</p>
              )}
            </div>
          </li>
        ))}
      </ol>
    </PublicDocument>
  );
}

/** A checklist link that cannot be used (invalid, expired) or leads to nothing yet. */
export function ChecklistMessagePage(p: { t: ChecklistT; lang: string; brand: Branding; title: string; body: string; bare?: boolean }) {
  return (
    <PublicDocument lang={p.lang} title={`${p.title} · ${p.brand.name}`} brand={p.brand} skipLabel={p.t("skip")} script={null} bare={p.bare}>
      <h1>{p.title}</h1>
      <p>{p.body}</p>
    </PublicDocument>
  );
}
