/** @jsxImportSource preact */
import { localize, type QuizDefinition } from "@/lib/quizzes/definition";
import type { AnswerSummaryItem } from "@/lib/quizzes/declared";
import { hasOutcome, type QuizOutcome } from "@/lib/quizzes/result";
import { Carry, QuizFrame, type RuntimeContext } from "./frame";

/** The first screen: title, introduction, Start (a form, so the run begins with a POST). */
export function StartScreen(p: {
  ctx: RuntimeContext;
  def: QuizDefinition;
  /** Landing-page values (hidden fields, UTM, referrer) carried into the run. */
  params: [string, string][];
  /** A run this browser started before. */
  resume?: { href: string; completed: boolean } | null;
}) {
  const { ctx, def } = p;
  const t = ctx.t;
  const title = localize(def.title, ctx.locale, def.defaultLocale);
  const intro = localize(def.intro, ctx.locale, def.defaultLocale);
  return (
    <QuizFrame ctx={ctx} title={title}>
      <div class="card">
        <h1>{title}</h1>
        {intro ? <p>{intro}</p> : null}
        {p.resume ? (
          <p class="notice" role="status" data-quiz-resume="">
            {p.resume.completed ? `${t("completedBefore")} ` : null}
            <a href={p.resume.href}>{p.resume.completed ? t("seeResult") : t("resume")}</a>
          </p>
        ) : null}
        <form method="post" action={ctx.links.action} data-quiz-start="" data-resume-label={t("resume")}>
          <Carry ctx={ctx} />
          <input type="hidden" name="action" value="start" />
          {p.params.map(([name, value]) => (
            <input key={name} type="hidden" name={`p_${name}`} value={value} />
          ))}
          <div class="actions">
            <button class="btn" type="submit">
              {p.resume && !p.resume.completed ? t("startAgain") : t("start")}
            </button>
          </div>
        </form>
      </div>
    </QuizFrame>
  );
}

function formatPrice(price: number, currency: string | null | undefined, locale: string): string {
  try {
    return currency ? new Intl.NumberFormat(locale, { style: "currency", currency }).format(price) : new Intl.NumberFormat(locale).format(price);
  } catch {
    return `${price} ${currency ?? ""}`.trim();
  }
}

/** The outcome from the personalization engine: products with their reasons, the onboarding flow, explanations. */
function OutcomeView({ ctx, outcome }: { ctx: RuntimeContext; outcome: QuizOutcome }) {
  const t = ctx.t;
  return (
    <>
      {outcome.fallback ? (
        <p class="notice" role="status">
          {t("fallback", { reason: outcome.fallback.reason })}
        </p>
      ) : null}
      {outcome.bundle.length ? (
        <section class="card" aria-labelledby="outcome-title">
          <h2 id="outcome-title">{t("outcomeTitle")}</h2>
          <ul class="products">
            {outcome.bundle.map((item) => (
              <li key={item.sku}>
                {item.imageUrl ? <img src={item.imageUrl} alt="" width={96} height={96} loading="lazy" decoding="async" /> : null}
                <div>
                  <strong>{item.url ? <a href={item.url}>{item.name}</a> : item.name}</strong>
                  {typeof item.price === "number" ? <span class="muted"> · {formatPrice(item.price, item.currency, ctx.locale)}</span> : null}
                  {item.description ? <p class="small">{item.description}</p> : null}
                  {item.explanation ? <p class="small muted">{t("because", { reason: item.explanation })}</p> : null}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {outcome.onboardingFlow ? (
        <section class="card" aria-labelledby="flow-title">
          <h2 id="flow-title">{t("flowTitle")}</h2>
          <p>{outcome.onboardingFlow.url ? <a href={outcome.onboardingFlow.url}>{outcome.onboardingFlow.name}</a> : outcome.onboardingFlow.name}</p>
          {outcome.onboardingFlow.steps.length ? (
            <ol>
              {outcome.onboardingFlow.steps.map((s) => (
                <li key={s.key}>{s.title}</li>
              ))}
            </ol>
          ) : null}
        </section>
      ) : null}
      {outcome.explanations.length ? (
        <ul class="small muted">
          {outcome.explanations.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** The ending: the engine's outcome when there is one, and always what the person told us. */
export function ResultScreen(p: {
  ctx: RuntimeContext;
  def: QuizDefinition;
  endingKey: string | null;
  summary: AnswerSummaryItem[];
  outcome: QuizOutcome | null;
  gpcHonoured: boolean;
  claimPending?: boolean;
}) {
  const { ctx, def } = p;
  const t = ctx.t;
  const L = (text: Record<string, string> | undefined) => localize(text, ctx.locale, def.defaultLocale);
  const ending = def.endings.find((e) => e.key === p.endingKey) ?? def.endings[0];
  const title = L(ending?.title) || L(def.title);
  return (
    <QuizFrame ctx={ctx} title={title} hereIn={(l) => ctx.links.current(l)}>
      <div class="card" data-quiz-done="">
        <h1>{title}</h1>
        {ending?.body ? <p>{L(ending.body)}</p> : null}
        {ending?.cta ? (
          <p>
            <a class="btn" href={ending.cta.url}>
              {L(ending.cta.label)}
            </a>
          </p>
        ) : null}
      </div>
      {p.gpcHonoured ? (
        <p class="notice ok" role="status">
          {t("gpcHonoured")}
        </p>
      ) : null}
      {p.claimPending ? (
        <p class="notice" role="status" data-quiz-claim="">
          {t("claimPending")}
        </p>
      ) : null}
      {p.outcome && (hasOutcome(p.outcome) || p.outcome.fallback) ? <OutcomeView ctx={ctx} outcome={p.outcome} /> : null}
      {p.summary.length ? (
        <section class="card" aria-labelledby="summary-title">
          <h2 id="summary-title">{t("summaryTitle")}</h2>
          <dl class="summary">
            {p.summary.map((s) => (
              <div key={s.key}>
                <dt>{s.question}</dt>
                <dd>{s.answer}</dd>
              </div>
            ))}
          </dl>
          {p.claimPending ? null : <p class="small muted">{t("summaryNote")}</p>}
        </section>
      ) : null}
    </QuizFrame>
  );
}

/** "Finish later": email me a link to continue, or keep the link. */
export function SaveScreen(p: { ctx: RuntimeContext; resumeUrl: string; sent?: boolean; email?: string; error?: string | null }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <QuizFrame ctx={ctx} title={t("saveTitle")} hereIn={(l) => ctx.links.save(l)}>
      <div class="card">
        <h1>{t("saveTitle")}</h1>
        {p.sent ? (
          <p class="notice ok" role="status">
            {t("saveSent")}
          </p>
        ) : (
          <p>{t("saveBody")}</p>
        )}
        {p.error ? (
          <div id="save-error" class="notice err" role="alert">
            {p.error}
          </div>
        ) : null}
        {p.sent ? null : (
          <form method="post" action={ctx.links.action}>
            <Carry ctx={ctx} />
            <input type="hidden" name="action" value="email_link" />
            <label for="save-email">{t("emailLabel")}</label>
            <input
              id="save-email"
              type="email"
              name="email"
              value={p.email ?? ""}
              required
              autocomplete="email"
              inputmode="email"
              aria-describedby={p.error ? "save-error" : undefined}
              aria-invalid={p.error ? "true" : undefined}
            />
            <div class="actions">
              <button class="btn" type="submit">
                {t("saveSend")}
              </button>
            </div>
          </form>
        )}
        <p class="small">
          {t("saveCopy")} <a href={p.resumeUrl}>{p.resumeUrl}</a>
        </p>
        <p>
          <a href={ctx.links.current()}>{t("saveBack")}</a>
        </p>
      </div>
    </QuizFrame>
  );
}

/** A page with a title and a sentence: not found, ended, invalid link. */
/** "Add your answers to your profile?": a POST, so mail scanners that follow the link change nothing. */
export function ClaimScreen(p: { ctx: RuntimeContext; action: string; token: string }) {
  const t = p.ctx.t;
  return (
    <QuizFrame ctx={p.ctx} title={t("claimTitle")} hereIn={(l) => `${p.action}?t=${encodeURIComponent(p.token)}&lang=${l}`}>
      <form class="card" method="post" action={p.action}>
        <h1>{t("claimTitle")}</h1>
        <p>{t("claimBody")}</p>
        <input type="hidden" name="t" value={p.token} />
        <input type="hidden" name="lang" value={p.ctx.locale} />
        <p>
          <button class="btn" type="submit">
            {t("claimButton")}
          </button>
        </p>
      </form>
    </QuizFrame>
  );
}

export function MessageScreen(p: { ctx: RuntimeContext; title: string; body: string; action?: { href: string; label: string } | null }) {
  return (
    <QuizFrame ctx={p.ctx} title={p.title}>
      <div class="card">
        <h1>{p.title}</h1>
        <p>{p.body}</p>
        {p.action ? (
          <p>
            <a class="btn" href={p.action.href}>
              {p.action.label}
            </a>
          </p>
        ) : null}
      </div>
    </QuizFrame>
  );
}
