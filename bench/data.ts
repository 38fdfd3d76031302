import { sql } from "drizzle-orm";
import { openDatabase, type DbHandle } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { executeRows } from "@/lib/db/rows";
import { cliActor } from "@/lib/audit/service";
import { createApiKey } from "@/lib/auth/api-keys";
import { seedDemo } from "@/lib/seed/demo";
import { requireWorkspaceBySlug } from "@/lib/workspaces/service";
import { createTopic, listTopics } from "@/lib/preferences/topics";
import { resolvePublicQuiz, startRun } from "@/lib/quizzes/runs";

/** The topic every preference figure reads and writes. */
export const benchTopic = "bench-news";

export interface BenchData {
  handle: DbHandle;
  workspaceId: string;
  /** A key with every scope for `glow`. */
  apiKey: string;
  profiles: number;
}

/** Migrate, seed the demo and give the bench its key and topic. */
export async function prepareDatabase(url: string): Promise<BenchData> {
  const handle = await openDatabase({ databaseUrl: url, max: 4 });
  await migrate(handle);
  await seedDemo(handle.db);
  const glow = await requireWorkspaceBySlug(handle.db, "glow");
  const { plaintext } = await createApiKey(handle.db, { workspaceId: glow.id, name: "bench", scopes: ["*"] }, cliActor);
  if (!(await listTopics(handle.db, glow.id)).some((t) => t.key === benchTopic)) {
    await createTopic(
      handle.db,
      glow.id,
      { key: benchTopic, name: "Bench news", channels: ["email"], frequencies: ["weekly", "monthly"], defaultFrequency: "weekly" },
      cliActor,
    );
  }
  return { handle, workspaceId: glow.id, apiKey: plaintext, profiles: 0 };
}

/** Profile ids the generator made (the app's id shape: prf_ + 26 of [0-9a-z]): `prf_bench000…0001`. */
export const benchProfileId = (n: number) => `prf_bench${String(n).padStart(21, "0")}`;

/**
 * Bulk data with generate_series, in seconds rather than hours: `count` profiles in glow, each
 * with declared skin_type / sensitive / budget traits, consent to those traits' purposes for 4 in 5, a
 * completed routine response with the engine's decision (4 in 5 personalized), a conversion for 1 in 20,
 * daily view counts, and a bench-news email choice for the first 20,000.
 */
export async function generateBulk(data: BenchData, count: number, log: (line: string) => void): Promise<void> {
  const db = data.handle.db;
  const ws = data.workspaceId;
  const traitRows = await executeRows<{ id: string; key: string; purpose: string }>(
    db,
    sql`select id, key, purpose from trait_definitions where workspace_id = ${ws} and key in ('skin_type', 'sensitive', 'budget')`,
  );
  const purposes = [...new Set(traitRows.map((t) => t.purpose))];
  const trait = (key: string) => {
    const row = traitRows.find((t) => t.key === key);
    if (!row) throw new Error(`the glow demo has no ${key} trait: the seed changed, update bench/data.ts`);
    return row.id;
  };
  const quiz = await resolvePublicQuiz(db, { workspaceSlug: "glow", quizSlug: "routine" });
  const [topic] = await executeRows<{ id: string }>(db, sql`select id from topics where workspace_id = ${ws} and key = ${benchTopic}`);

  const step = async (what: string, query: ReturnType<typeof sql>) => {
    const t = performance.now();
    await db.transaction(async (tx) => {
      // The rows are consistent by construction: skip the per-row foreign-key triggers (superuser only).
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(query);
    });
    log(`  ${what} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  // Secondary indexes are dropped for the load and built again after it: a sort per index instead
  // of a million incremental inserts. Constraint indexes (primary keys, unique columns) stay.
  const tables = ["profiles", "trait_values", "consent_states", "quiz_responses", "subscriptions", "personalization_decisions", "conversions"];
  const indexes = await executeRows<{ name: string; def: string }>(
    db,
    sql`select i.indexname as name, i.indexdef as def from pg_indexes i
        where i.schemaname = 'public' and i.tablename in (${sql.join(tables.map((t) => sql`${t}`), sql`, `)})
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
  );
  for (const index of indexes) await db.execute(sql.raw(`drop index "${index.name}"`));
  await step(
    `${count.toLocaleString("en")} profiles`,
    sql`insert into profiles (id, workspace_id, email, external_id, status, created_at, updated_at)
        select 'prf_bench' || lpad(g::text, 21, '0'), ${ws}, 'p' || g || '@bench.test', 'bench-' || g, 'active',
               now() - (g || ' seconds')::interval, now()
        from generate_series(1, ${count}) g`,
  );
  await step(
    "their traits",
    sql`insert into trait_values (profile_id, trait_id, workspace_id, value, source_kind, source_ref, declared_at)
        select 'prf_bench' || lpad(g::text, 21, '0'), t.id, ${ws},
               case t.key when 'sensitive' then to_jsonb(g % 2 = 0)
                          when 'skin_type' then to_jsonb((array['dry','oily','combination','normal'])[1 + g % 4])
                          else to_jsonb((array['low','mid','high'])[1 + g % 3]) end,
               'quiz', ${quiz.version.id} || '#' || t.key, now()
        from generate_series(1, ${count}) g
        cross join (values (${trait("skin_type")}, 'skin_type'), (${trait("sensitive")}, 'sensitive'), (${trait("budget")}, 'budget')) as t(id, key)`,
  );
  for (const purpose of purposes) {
    await step(
      `${purpose} consent`,
      sql`insert into consent_states (profile_id, purpose, workspace_id, granted, method, record_id, updated_at)
          select 'prf_bench' || lpad(g::text, 21, '0'), ${purpose}, ${ws}, true, 'quiz', 'cns_bench' || g, now()
          from generate_series(1, ${count}) g where g % 5 <> 0`,
    );
  }
  await step(
    `${count.toLocaleString("en")} completed responses`,
    sql`insert into quiz_responses (id, workspace_id, quiz_id, version_id, token_hash, profile_id, status, answers, answered_count,
                                    revision, context, locale, started_at, updated_at, completed_at)
        select 'rsp_bench' || lpad(g::text, 21, '0'), ${ws}, ${quiz.quiz.id}, ${quiz.version.id}, md5('bench' || g),
               'prf_bench' || lpad(g::text, 21, '0'), 'completed',
               jsonb_build_object('skin_type', (array['dry','oily','combination','normal'])[1 + g % 4],
                                  'sensitive', (array['no','yes'])[1 + (g + 1) % 2], 'budget', (array['low','mid','high'])[1 + g % 3]),
               3, 3, '{"channel":"hosted","device":"mobile"}', 'en',
               now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval
        from generate_series(1, ${count}) g`,
  );
  await step(
    "what the engine gave each response",
    sql`insert into personalization_decisions (response_id, workspace_id, profile_id, quiz_id, bundle_key, bundle_generic, personalized, reason, skus, decided_at)
        select 'rsp_bench' || lpad(g::text, 21, '0'), ${ws}, 'prf_bench' || lpad(g::text, 21, '0'), ${quiz.quiz.id}, 'starter', g % 5 = 0, g % 5 <> 0,
               case when g % 5 = 0 then 'consent_withheld' end, array['GLW-SR-HYAL', 'GLW-SPF-MIN'], now() - (g || ' seconds')::interval
        from generate_series(1, ${count}) g`,
  );
  await step(
    "conversions of one in twenty",
    sql`insert into conversions (id, workspace_id, profile_id, value, currency, skus, response_id, quiz_id, bundle_key, personalized, occurred_at, created_at)
        select 'cnv_bench' || lpad(g::text, 21, '0'), ${ws}, 'prf_bench' || lpad(g::text, 21, '0'), 20 + g % 80, 'USD', array['GLW-SR-HYAL'],
               'rsp_bench' || lpad(g::text, 21, '0'), ${quiz.quiz.id}, 'starter', g % 5 <> 0, now() - (g || ' seconds')::interval, now()
        from generate_series(1, ${count}) g where g % 20 = 0`,
  );
  await step(
    "daily view counts",
    sql`insert into quiz_view_counts (workspace_id, quiz_id, version_id, day, channel, device, utm_source, shard, views)
        select ${ws}, ${quiz.quiz.id}, ${quiz.version.id}, (now() - (d || ' days')::interval)::date, 'hosted', 'mobile', '', s, ${Math.ceil(count / 12 / 8)}
        from generate_series(0, 12) d cross join generate_series(0, 7) s`,
  );
  await step(
    "bench-news choices",
    sql`insert into subscriptions (profile_id, topic_id, channel, workspace_id, status, frequency, origin, source)
        select 'prf_bench' || lpad(g::text, 21, '0'), ${topic!.id}, 'email', ${ws},
               case when g % 3 = 0 then 'unsubscribed' else 'subscribed' end, 'weekly', 'person', 'preference_center'
        from generate_series(1, ${Math.min(count, 20_000)}) g`,
  );
  const t = performance.now();
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
    for (const index of indexes) await tx.execute(sql.raw(index.def));
  });
  log(`  ${indexes.length} indexes rebuilt in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await step("analyze", sql`analyze`);
  data.profiles = count;
}

/** Open quiz runs for the answer figure: each request answers the first question of one of them. */
export async function openRuns(data: BenchData, count: number): Promise<{ token: string; responseId: string }[]> {
  const quiz = await resolvePublicQuiz(data.handle.db, { workspaceSlug: "glow", quizSlug: "routine" });
  const runs: { token: string; responseId: string }[] = [];
  // Fifty at a time: the pool is small, and startRun is one insert.
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, () =>
      startRun(data.handle.db, {
        workspaceId: quiz.workspace.id,
        quizId: quiz.quiz.id,
        versionId: quiz.version.id,
        definition: quiz.version.definition,
        locale: "en",
        hidden: {},
        context: { channel: "hosted", device: "mobile" },
      }),
    );
    runs.push(...(await Promise.all(batch)));
  }
  return runs;
}
