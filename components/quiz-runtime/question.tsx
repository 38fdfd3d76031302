/** @jsxImportSource preact */
import { isMultiple, localize, type AnswerValue, type Question, type QuizDefinition } from "@/lib/quizzes/definition";
import { Carry, QuizFrame, type RuntimeContext } from "./frame";

export interface NoticeView {
  id: string;
  title: string;
  text: string;
}

export interface QuestionScreenProps {
  ctx: RuntimeContext;
  def: QuizDefinition;
  question: Question;
  /** The stored answer, or what was just typed when it came back with an error. */
  value: AnswerValue | undefined;
  error?: string | null;
  /** A message shown above the question (e.g. "we took you to the right question"). */
  note?: string | null;
  progress: { position: number; total: number };
  backHref: string | null;
  isLast: boolean;
  /** Email question: the current notice of its purpose and of marketing, in the run's language. */
  notices?: { purpose?: NoticeView | null; marketing?: NoticeView | null };
  marketingChecked?: boolean;
}

const ERROR_ID = "answer-error";

function hintFor(q: Question, t: RuntimeContext["t"]): string | null {
  if (q.type === "single_choice" || (q.type === "image_choice" && !q.multiple)) return t("chooseOne");
  if (isMultiple(q) && "minSelected" in q) {
    const min = q.minSelected ?? (q.required ? 1 : 0);
    const max = q.maxSelected;
    if (max !== undefined && min > 1) return t("chooseBetween", { min, max });
    if (max !== undefined) return t("chooseUpTo", { max });
    if (min > 1) return t("chooseAtLeast", { min });
    return t("chooseMany");
  }
  if (q.type === "short_text") return t("characters", { max: q.maxLength });
  return null;
}

function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter(Boolean);
  return list.length ? list.join(" ") : undefined;
}

/** One question per screen, as a plain form that works without JavaScript. */
export function QuestionScreen(p: QuestionScreenProps) {
  const { ctx, def, question: q } = p;
  const t = ctx.t;
  const L = (text: Record<string, string> | undefined) => localize(text, ctx.locale, def.defaultLocale);
  const title = L(q.title);
  const description = L(q.description);
  const hint = hintFor(q, t);
  const percent = Math.round(((p.progress.position - 1) / Math.max(p.progress.total, 1)) * 100);
  const progressText = t("progress", { n: p.progress.position, total: p.progress.total });
  const describe = describedBy(description && "q-desc", hint && "q-hint", p.error && ERROR_ID);
  const selected = new Set(Array.isArray(p.value) ? p.value : p.value === undefined || p.value === null ? [] : [String(p.value)]);
  const head = (
    <>
      {description ? (
        <p id="q-desc" class="muted">
          {description}
        </p>
      ) : null}
      {hint || !q.required ? (
        <p id="q-hint" class="small muted">
          {!q.required ? <span class="tag">{t("optional")}</span> : null} {hint}
        </p>
      ) : null}
    </>
  );

  let field;
  if (q.type === "single_choice" || q.type === "multiple_choice" || q.type === "image_choice") {
    const multiple = isMultiple(q);
    const images = q.type === "image_choice";
    field = (
      <fieldset class="question" aria-describedby={describe} data-max={multiple && "maxSelected" in q && q.maxSelected ? q.maxSelected : undefined}>
        <legend>
          <h1>{title}</h1>
        </legend>
        {head}
        <div class={images ? "images" : "choices"}>
          {q.options.map((o, i) => (
            <label key={o.key} class={images ? "choice image" : "choice"}>
              <input
                type={multiple ? "checkbox" : "radio"}
                name="a"
                value={o.key}
                checked={selected.has(o.key)}
                required={!multiple && q.required ? true : undefined}
                data-key={i < 9 ? String(i + 1) : undefined}
              />
              {images && o.imageUrl ? <img src={o.imageUrl} alt={L(o.imageAlt)} width={320} height={240} loading="lazy" decoding="async" /> : null}
              <span>{L(o.label)}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  } else if (q.type === "scale") {
    const points = Array.from({ length: q.max - q.min + 1 }, (_, i) => q.min + i);
    const minLabel = L(q.minLabel);
    const maxLabel = L(q.maxLabel);
    field = (
      <fieldset class="question" aria-describedby={describedBy(describe, (minLabel || maxLabel) && "q-ends")}>
        <legend>
          <h1>{title}</h1>
        </legend>
        {head}
        {minLabel || maxLabel ? (
          <p id="q-ends" class="small muted">
            {t("scaleHint", { min: q.min, max: q.max, minLabel: minLabel || String(q.min), maxLabel: maxLabel || String(q.max) })}
          </p>
        ) : null}
        <div class="scale">
          {points.map((n, i) => (
            <label key={n} class="choice">
              <input type="radio" name="a" value={String(n)} checked={selected.has(String(n))} required={q.required ? true : undefined} data-key={i < 9 ? String(i + 1) : undefined} />
              <span>{n}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  } else if (q.type === "short_text") {
    const value = typeof p.value === "string" ? p.value : "";
    field = (
      <div class="question">
        <h1>
          <label for="answer">{title}</label>
        </h1>
        {head}
        {q.multiline ? (
          <textarea id="answer" name="a" maxlength={q.maxLength} required={q.required} aria-describedby={describe} aria-invalid={p.error ? "true" : undefined} rows={4}>
            {value}
          </textarea>
        ) : (
          <input id="answer" type="text" name="a" value={value} maxlength={q.maxLength} required={q.required} aria-describedby={describe} aria-invalid={p.error ? "true" : undefined} autocomplete="off" />
        )}
      </div>
    );
  } else {
    const value = typeof p.value === "string" ? p.value : "";
    const notice = p.notices?.purpose;
    const marketing = p.notices?.marketing;
    field = (
      <div class="question">
        <h1>
          <label for="answer">{title}</label>
        </h1>
        {head}
        <input
          id="answer"
          type="email"
          name="a"
          value={value}
          required={q.required}
          autocomplete="email"
          inputmode="email"
          spellcheck={false}
          aria-describedby={describedBy(describe, notice && "q-notice")}
          aria-invalid={p.error ? "true" : undefined}
        />
        {notice ? (
          <div id="q-notice" class="notice small">
            <strong>{notice.title}</strong>
            <p>{notice.text}</p>
            <input type="hidden" name={`notice_${q.purpose}`} value={notice.id} />
          </div>
        ) : null}
        {q.marketingOptIn.enabled ? (
          <div class="optin">
            <label class="choice">
              <input type="checkbox" name="optin" value="1" checked={p.marketingChecked === true} aria-describedby={marketing ? "marketing-notice" : undefined} />
              <span>{L(q.marketingOptIn.label) || t("marketingDefault")}</span>
            </label>
            {marketing ? (
              <p id="marketing-notice" class="small muted">
                {marketing.text}
                <input type="hidden" name="notice_marketing" value={marketing.id} />
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    );
  }

  return (
    <QuizFrame ctx={ctx} title={`${title} · ${L(def.title)}`} hereIn={(l) => ctx.links.question(q.key, l)}>
      <div
        class="progress"
        role="progressbar"
        aria-label={t("progressLabel")}
        aria-valuemin={0}
        aria-valuemax={p.progress.total}
        aria-valuenow={p.progress.position - 1}
        aria-valuetext={progressText}
      >
        <span style={`width:${percent}%`} />
      </div>
      <p class="small muted" aria-hidden="true">
        {progressText}
      </p>
      {p.note ? (
        <p class="notice" role="status">
          {p.note}
        </p>
      ) : null}
      {p.error ? (
        <div id={ERROR_ID} class="notice err" role="alert">
          <strong>{t("errorSummary")}: </strong>
          {p.error}
        </div>
      ) : null}
      <form method="post" action={ctx.links.action} class="card" data-quiz-form="">
        <Carry ctx={ctx} />
        <input type="hidden" name="q" value={q.key} />
        {field}
        <div class="actions">
          <button class="btn" type="submit" name="go" value="next">
            {p.isLast ? t("finish") : t("next")}
          </button>
          {!q.required ? (
            <button class="btn secondary" type="submit" name="skip" value="1" formnovalidate>
              {t("skip")}
            </button>
          ) : null}
          {p.backHref ? (
            <a class="btn secondary" href={p.backHref}>
              {t("back")}
            </a>
          ) : null}
        </div>
      </form>
      {ctx.mode !== "preview" ? (
        <p class="small">
          <a href={ctx.links.save()}>{t("saveLater")}</a>
        </p>
      ) : null}
    </QuizFrame>
  );
}
