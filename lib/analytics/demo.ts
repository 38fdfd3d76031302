import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import type { Workspace } from "@/lib/db/schema";
import { executeRows } from "@/lib/db/rows";
import { ManualClock } from "@/lib/core/clock";
import { AppError } from "@/lib/core/errors";
import { resolvePublicQuiz, startRun, answerQuestion } from "@/lib/quizzes/runs";
import type { AnswerValue, Question } from "@/lib/quizzes/definition";
import { recordConversion } from "@/lib/conversions/service";
import { updatePreferences } from "@/lib/preferences/service";
import { countQuizView } from "./views";

// Four weeks of activity for the demo workspaces, made through the real services (views, runs
// answered question by question with drop-offs, completions with their personalization,
// conversions, a few unsubscribes and pauses) so the analytics pages have something to show.

const DAY = 86_400_000;
const RUNS = 70;

/** A small seeded generator, so every seed makes the same demo. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

function answerFor(q: Question, rnd: () => number, email: string): AnswerValue | null {
  switch (q.type) {
    case "single_choice":
      return pick(rnd, q.options).key;
    case "image_choice":
      return q.multiple ? [pick(rnd, q.options).key] : pick(rnd, q.options).key;
    case "multiple_choice":
      return [...new Set([pick(rnd, q.options).key, pick(rnd, q.options).key])];
    case "scale":
      return q.min + Math.floor(rnd() * (q.max - q.min + 1));
    case "short_text":
      return pick(rnd, ["Ship faster", "Understand our users", "Automate reporting"]);
    case "email":
      return email;
  }
}

async function seedWorkspace(db: Db, ws: Workspace, quizSlug: string, seed: number, topics: { key: string; channel: string }[]): Promise<void> {
  const marker = `demo-${ws.slug}-analytics`;
  const [done] = await executeRows<{ n: number }>(db, sql`select count(*)::int as n from conversions where workspace_id = ${ws.id} and idempotency_key like ${`${marker}%`}`);
  if (Number(done?.n ?? 0) > 0) return;
  const quiz = await resolvePublicQuiz(db, { workspaceSlug: ws.slug, quizSlug });
  const def = quiz.version.definition;
  const rnd = random(seed);
  const start = Date.now() - 28 * DAY;
  const clock = new ManualClock(new Date(start));
  let conversions = 0;
  for (let i = 0; i < RUNS; i++) {
    // More activity towards the end of the four weeks.
    clock.set(new Date(start + Math.sqrt(rnd()) * 27.5 * DAY));
    const channel = rnd() < 0.7 ? ("hosted" as const) : ("embed" as const);
    const device = pick(rnd, ["mobile", "mobile", "mobile", "desktop", "desktop", "tablet"] as const);
    const utmSource = pick(rnd, ["instagram", "newsletter", "google", "", ""]);
    const view = { workspaceId: ws.id, quizId: quiz.quiz.id, versionId: quiz.version.id, channel, device, utmSource };
    await countQuizView(db, view, clock);
    if (rnd() < 0.3) continue; // looked, did not start
    if (rnd() < 0.2) await countQuizView(db, view, clock); // came back to the start screen
    const { token, responseId } = await startRun(
      db,
      {
        workspaceId: ws.id,
        quizId: quiz.quiz.id,
        versionId: quiz.version.id,
        definition: def,
        locale: def.defaultLocale,
        hidden: {},
        context: { channel, device, ...(utmSource ? { utm: { utm_source: utmSource, utm_campaign: pick(rnd, ["spring", "launch"]) } } : {}) },
      },
      clock,
    );
    const gpc = rnd() < 0.06;
    let completed = false;
    for (const q of def.questions) {
      if (rnd() < 0.09) break; // dropped off here
      clock.advance((8 + rnd() * 40) * 1000);
      const raw = answerFor(q, rnd, `visitor${i + 1}.${ws.slug}@example.com`);
      try {
        const result = await answerQuestion(
          db,
          { token, questionKey: q.key, raw: typeof raw === "number" ? String(raw) : raw, source: "form", marketingOptIn: rnd() < 0.5 },
          { gpc, ip: null, userAgent: null, sourceUrl: null },
          clock,
        );
        if (result.status === "completed") {
          completed = true;
          break;
        }
      } catch (err) {
        // A question the path skipped (a condition) is not on the way: carry on with the next one.
        if (!(err instanceof AppError && err.code === "validation_failed")) throw err;
      }
    }
    if (!completed) continue;
    const [row] = await executeRows<{ profile_id: string | null }>(db, sql`select profile_id from quiz_responses where id = ${responseId} and workspace_id = ${ws.id}`);
    const profileId = row?.profile_id;
    if (!profileId) continue;
    if (rnd() < 0.4) {
      clock.advance((1 + rnd() * 72) * 3600_000);
      conversions++;
      await recordConversion(
        db,
        ws.id,
        profileId,
        { value: Math.round((20 + rnd() * 110) * 100) / 100, currency: "USD", skus: [], idempotencyKey: `${marker}-${conversions}`, occurredAt: clock.now().toISOString() },
        clock,
      );
    }
    if (topics.length && rnd() < 0.15) {
      const t = pick(rnd, topics);
      const patch = rnd() < 0.7 ? { topics: { [t.key]: { [t.channel]: { status: "unsubscribed" } } } } : { pausedUntil: new Date(Date.now() + 30 * DAY).toISOString() };
      await updatePreferences(db, ws.id, profileId, patch, { origin: "person", source: "preference_center", consent: { method: "checkbox", actor: { type: "subject" } } }).catch((err: unknown) => {
        if (!(err instanceof AppError)) throw err;
      });
    }
  }
}

/** The analytics part of the demo: after quizzes, personalization and topics exist. */
export async function seedAnalyticsDemo({ db, workspaces }: { db: Db; workspaces: { glow: Workspace; acme: Workspace } }): Promise<void> {
  await seedWorkspace(db, workspaces.glow, "routine", 7, [
    { key: "new-arrivals", channel: "email" },
    { key: "offers", channel: "email" },
  ]);
  await seedWorkspace(db, workspaces.acme, "welcome", 11, [
    { key: "product-updates", channel: "email" },
    { key: "newsletter", channel: "email" },
  ]);
}
