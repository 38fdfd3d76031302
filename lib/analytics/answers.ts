import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { executeRows } from "@/lib/db/rows";
import type { QuizDefinition } from "@/lib/quizzes/definition";
import type { DateRange } from "./schemas";
import { num, rate, within } from "./range";

// What people answered and what they declared. Free text and email answers are never
// aggregated: only choices and scales, and traits with a closed vocabulary, numbers or booleans.

export interface AnswerCount {
  value: string;
  label: string;
  count: number;
  /** Share of the runs that answered the question (multiple choice adds up to more than 1). */
  share: number | null;
}

export interface QuestionDistribution {
  key: string;
  title: string;
  type: string;
  answered: number;
  answers: AnswerCount[];
}

const text = (def: QuizDefinition, t: Record<string, string> | undefined, fallback: string) => (t ? (t[def.defaultLocale] ?? Object.values(t)[0] ?? fallback) : fallback);

/** Per choice or scale question of a version: how often each option was picked. */
export async function answerDistribution(db: Db, workspaceId: string, r: Pick<DateRange, "from" | "to">, versionId: string, def: QuizDefinition): Promise<QuestionDistribution[]> {
  const questions = def.questions.filter((q) => q.type !== "short_text" && q.type !== "email");
  if (questions.length === 0) return [];
  const keys = sql.join(
    questions.map((q) => sql`${q.key}`),
    sql`, `,
  );
  const rows = await executeRows<{ key: string; value: string | null; n: number }>(
    db,
    sql`select a.key, v.value, count(*)::int as n
        from quiz_responses r
        cross join lateral jsonb_each(r.answers) as a(key, val)
        cross join lateral jsonb_array_elements_text(case when jsonb_typeof(a.val) = 'array' then a.val else jsonb_build_array(a.val) end) as v(value)
        where r.workspace_id = ${workspaceId} and r.version_id = ${versionId} and ${within(sql`r.started_at`, r)} and a.key in (${keys})
        group by 1, 2
        union all
        select a.key, null, count(*)::int
        from quiz_responses r cross join lateral jsonb_each(r.answers) as a(key, val)
        where r.workspace_id = ${workspaceId} and r.version_id = ${versionId} and ${within(sql`r.started_at`, r)} and a.key in (${keys})
          and jsonb_typeof(a.val) <> 'null'
        group by 1`,
  );
  return questions.map((q) => {
    const mine = rows.filter((x) => x.key === q.key);
    const answered = num(mine.find((x) => x.value === null)?.n);
    const counts = new Map(mine.filter((x) => x.value !== null).map((x) => [String(x.value), num(x.n)]));
    const known: { value: string; label: string }[] =
      "options" in q ? q.options.map((o) => ({ value: o.key, label: text(def, o.label, o.key) })) : q.type === "scale" ? Array.from({ length: q.max - q.min + 1 }, (_, i) => ({ value: String(q.min + i), label: String(q.min + i) })) : [];
    const answers = known.map((k) => ({ ...k, count: counts.get(k.value) ?? 0, share: rate(counts.get(k.value) ?? 0, answered) }));
    // Values an older draft offered but this version does not (kept so totals add up).
    for (const [value, count] of counts) if (!known.some((k) => k.value === value)) answers.push({ value, label: value, count, share: rate(count, answered) });
    return { key: q.key, title: text(def, q.title, q.key), type: q.type, answered, answers };
  });
}

export interface TraitDistribution {
  key: string;
  label: string;
  type: string;
  profiles: number;
  values: { value: string; label: string; count: number; share: number | null }[];
}

/**
 * Current values of the workspace's traits declared in the range, by trait: closed-vocabulary
 * strings and lists, booleans and numbers (top 20 values each). Open text is left out.
 */
export async function traitDistribution(db: Db, workspaceId: string, r: Pick<DateRange, "from" | "to">): Promise<TraitDistribution[]> {
  const rows = await executeRows<{ key: string; label: string; type: string; allowed: { value: string; label: string }[] | null; value: string | null; n: number; profiles: number }>(
    db,
    sql`with declared as (
          select d.key, d.label, d.type, d.allowed_values as allowed, tv.value, tv.profile_id
          from trait_values tv join trait_definitions d on d.id = tv.trait_id and d.workspace_id = tv.workspace_id
          where tv.workspace_id = ${workspaceId} and d.archived_at is null and ${within(sql`tv.declared_at`, r)}
            and (d.type in ('boolean', 'number') or d.allowed_values is not null)
        ), counted as (
          select key, label, type, allowed, v.value, count(*)::int as n
          from declared cross join lateral jsonb_array_elements_text(case when jsonb_typeof(value) = 'array' then value else jsonb_build_array(value) end) as v(value)
          group by 1, 2, 3, 4, 5
        ), ranked as (
          select *, row_number() over (partition by key order by n desc, value) as rank from counted
        )
        select r.key, r.label, r.type, r.allowed, r.value, r.n, p.profiles
        from ranked r join (select key, count(distinct profile_id)::int as profiles from declared group by key) p on p.key = r.key
        where r.rank <= 20 order by r.key, r.n desc`,
  );
  const out = new Map<string, TraitDistribution>();
  for (const row of rows) {
    let t = out.get(row.key);
    if (!t) {
      t = { key: row.key, label: row.label, type: row.type, profiles: num(row.profiles), values: [] };
      out.set(row.key, t);
    }
    const value = String(row.value);
    const label = row.allowed?.find((a) => a.value === value)?.label ?? value;
    t.values.push({ value, label, count: num(row.n), share: rate(num(row.n), t.profiles) });
  }
  return [...out.values()];
}
