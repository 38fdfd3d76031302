import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { personalizationDecisions } from "@/lib/db/schema";
import { ManualClock } from "@/lib/core/clock";
import { AppError } from "@/lib/core/errors";
import { cliActor } from "@/lib/audit/service";
import { seedDemo, type DemoContext } from "@/lib/seed/demo";
import { answerQuestion, resolvePublicQuiz, startRun } from "@/lib/quizzes/runs";
import type { AnswerValue } from "@/lib/quizzes/definition";
import { updatePreferences } from "@/lib/preferences/service";
import { confirmSubscription } from "@/lib/preferences/double-opt-in";
import { createSegment } from "@/lib/segments/service";
import { recordConversion } from "@/lib/conversions/service";
import { countQuizView } from "@/lib/analytics/views";
import { recordDecision } from "@/lib/analytics/decisions";
import { resolveRange } from "@/lib/analytics/range";
import { toDateRange } from "@/lib/analytics/schemas";
import { analyticsOverview } from "@/lib/analytics/overview";
import { funnelBreakdown, funnelSeries, questionDropOff, resolveQuizScope } from "@/lib/analytics/funnel";
import { answerDistribution } from "@/lib/analytics/answers";
import { matchRate } from "@/lib/analytics/personalization";
import { conversionTotals, conversionsBy, conversionsBySegment } from "@/lib/analytics/conversions";
import { preferenceTimeline } from "@/lib/analytics/preferences";
import { consentActivity } from "@/lib/analytics/consent";
import { analyticsTable } from "@/lib/analytics/reports";
import { tableCsv } from "@/lib/analytics/tables";

// Every figure here is hand-computed from the runs this file makes on one day in the past
// (2025-06-10), far from the demo seed's own activity (today).

let h: DbHandle;
let demo: DemoContext;
let glow: string;
let acme: string;
const day = "2025-06-10";
const range = toDateRange({ from: day, to: day, compare: true });
const at = (time: string) => new ManualClock(`${day}T${time}Z`);
const browser = { gpc: false, ip: null, userAgent: null, sourceUrl: null };
const runs: { responseId: string; token: string }[] = [];
let profiles: string[] = [];

async function run(clock: ManualClock, context: { channel: "hosted" | "embed"; device: "mobile" | "desktop"; utm?: Record<string, string> }, answers: [string, AnswerValue][], gpc = false, secondsEach = 10) {
  const quiz = await resolvePublicQuiz(h.db, { workspaceSlug: "glow", quizSlug: "routine" });
  const started = await startRun(h.db, { workspaceId: glow, quizId: quiz.quiz.id, versionId: quiz.version.id, definition: quiz.version.definition, locale: "en", hidden: {}, context }, clock);
  let status = "partial";
  for (const [questionKey, raw] of answers) {
    clock.advance(secondsEach * 1000);
    status = (await answerQuestion(h.db, { token: started.token, questionKey, raw, source: "json" }, { ...browser, gpc }, clock)).status;
  }
  runs.push(started);
  return { ...started, status };
}

const full = (skin: string, email: string): [string, AnswerValue][] => [
  ["skin_type", skin],
  ["concerns", ["redness"]],
  ["sensitive", "yes"],
  ["fragrance_free", "no"],
  ["budget", "mid"],
  ["minutes", 5],
  ["email", email],
];

beforeAll(async () => {
  h = await createTestDb();
  demo = await seedDemo(h.db);
  glow = demo.workspaces.glow.id;
  acme = demo.workspaces.acme.id;
  const quiz = await resolvePublicQuiz(h.db, { workspaceSlug: "glow", quizSlug: "routine" });
  const view = { workspaceId: glow, quizId: quiz.quiz.id, versionId: quiz.version.id };
  for (let i = 0; i < 3; i++) await countQuizView(h.db, { ...view, channel: "hosted", device: "mobile", utmSource: "instagram" }, at("08:00:00"));
  for (let i = 0; i < 2; i++) await countQuizView(h.db, { ...view, channel: "embed", device: "desktop" }, at("09:00:00"));
  // Two completions (7 answers × 10 s = 70 s, and × 20 s = 140 s), one stopped after the first question, one that never answered.
  const r1 = await run(at("08:01:00"), { channel: "hosted", device: "mobile", utm: { utm_source: "instagram" } }, full("dry", "ana@example.test"));
  const r2 = await run(at("08:05:00"), { channel: "hosted", device: "mobile", utm: { utm_source: "instagram" } }, full("oily", "ben@example.test"), true, 20);
  await run(at("09:01:00"), { channel: "embed", device: "desktop", utm: { utm_source: "=HYPERLINK(\"http://evil.test\")" } }, [["skin_type", "dry"]]);
  await run(at("09:02:00"), { channel: "embed", device: "desktop" }, []);
  expect([r1.status, r2.status]).toEqual(["completed", "completed"]);
  const decisions = await h.db.select().from(personalizationDecisions).where(eq(personalizationDecisions.workspaceId, glow));
  profiles = [r1.responseId, r2.responseId].map((id) => decisions.find((d) => d.responseId === id)!.profileId);
}, 120_000);
afterAll(async () => h?.close());

describe("date ranges", () => {
  it("refuses a reversed range, one longer than 366 days and a malformed date, naming the field", () => {
    const fail = (input: { from?: string; to?: string }) => {
      try {
        resolveRange(input);
      } catch (err) {
        return err instanceof AppError ? { status: err.status, fields: err.fields.map((f) => f.path) } : err;
      }
      return null;
    };
    expect(fail({ from: "2026-02-10", to: "2026-02-01" })).toEqual({ status: 400, fields: ["to"] });
    expect(fail({ from: "2025-01-01", to: "2026-01-02" })).toEqual({ status: 400, fields: ["to"] });
    expect(fail({ from: "2026-13-01", to: "2026-12-01" })).toEqual({ status: 400, fields: ["from"] });
    expect(fail({ from: "2026-01-01" })).toEqual({ status: 400, fields: ["to"] });
  });

  it("takes a year (366 days) and defaults to the last 30 days with the period before it", () => {
    expect(resolveRange({ from: "2024-01-01", to: "2024-12-31" }).days).toBe(366);
    const r = resolveRange({}, new ManualClock("2026-03-31T15:00:00Z"));
    expect([r.fromDay, r.toDay, r.days]).toEqual(["2026-03-02", "2026-03-31", 30]);
    expect([r.previous.fromDay, r.previous.toDay]).toEqual(["2026-01-31", "2026-03-01"]);
  });
});

describe("quiz funnel", () => {
  it("counts views, starts, completions and the median time to complete", async () => {
    const { totals, days } = await funnelSeries(h.db, glow, range);
    expect(totals).toEqual({ views: 5, starts: 4, completions: 2, startRate: 0.8, completionRate: 0.5, medianSeconds: 105 });
    expect(days).toEqual([{ day, views: 5, starts: 4, completions: 2 }]);
  });

  it("shows where people stopped, question by question", async () => {
    const scope = await resolveQuizScope(h.db, glow, { quiz: (await resolvePublicQuiz(h.db, { workspaceSlug: "glow", quizSlug: "routine" })).quiz.id });
    const drop = await questionDropOff(h.db, glow, range, scope.versionId!, scope.definition!);
    expect(drop.slice(0, 2).map(({ key, reached, answered, stopped, dropOffRate }) => ({ key, reached, answered, stopped, dropOffRate }))).toEqual([
      { key: "skin_type", reached: 4, answered: 3, stopped: 1, dropOffRate: 0.25 },
      { key: "concerns", reached: 3, answered: 2, stopped: 1, dropOffRate: 1 / 3 },
    ]);
    expect(drop.find((q) => q.key === "email")).toMatchObject({ reached: 2, answered: 2, stopped: 0 });
  });

  it("breaks the funnel down by device and source, with views where the rollup keeps them", async () => {
    expect(await funnelBreakdown(h.db, glow, range, "device")).toEqual([
      { value: "desktop", views: 2, starts: 2, completions: 0, completionRate: 0 },
      { value: "mobile", views: 3, starts: 2, completions: 2, completionRate: 1 },
    ]);
    expect(await funnelBreakdown(h.db, glow, range, "channel")).toEqual([
      { value: "embed", views: 2, starts: 2, completions: 0, completionRate: 0 },
      { value: "hosted", views: 3, starts: 2, completions: 2, completionRate: 1 },
    ]);
  });

  it("counts answers per option of a choice question", async () => {
    const scope = await resolveQuizScope(h.db, glow, { quiz: (await resolvePublicQuiz(h.db, { workspaceSlug: "glow", quizSlug: "routine" })).quiz.id });
    const dist = await answerDistribution(h.db, glow, range, scope.versionId!, scope.definition!);
    const skin = dist.find((q) => q.key === "skin_type")!;
    expect(skin.answered).toBe(3);
    expect(skin.answers.filter((a) => a.count).map((a) => [a.value, a.count, a.share])).toEqual([
      ["dry", 2, 2 / 3],
      ["oily", 1, 1 / 3],
    ]);
    expect(dist.some((q) => q.key === "email")).toBe(false);
  });

  it("answers 404 for an unknown quiz, another workspace's quiz, and a version the quiz does not have", async () => {
    const welcome = await resolvePublicQuiz(h.db, { workspaceSlug: "acme", quizSlug: "welcome" });
    const routine = await resolvePublicQuiz(h.db, { workspaceSlug: "glow", quizSlug: "routine" });
    await expect(resolveQuizScope(h.db, glow, { quiz: "quz_doesnotexist" })).rejects.toMatchObject({ status: 404 });
    await expect(resolveQuizScope(h.db, glow, { quiz: welcome.quiz.id })).rejects.toMatchObject({ status: 404 });
    await expect(resolveQuizScope(h.db, glow, { quiz: routine.quiz.id, version: "99" })).rejects.toMatchObject({ status: 404 });
  });
});

describe("personalization", () => {
  it("records what each completion was given", async () => {
    const [first] = await h.db.select().from(personalizationDecisions).where(and(eq(personalizationDecisions.workspaceId, glow), eq(personalizationDecisions.responseId, runs[0]!.responseId)));
    expect(first).toMatchObject({ personalized: true, reason: null, bundleGeneric: false, decidedAt: new Date(`${day}T08:02:10Z`) });
    expect(first!.bundleKey).toBeTruthy();
    expect(first!.skus.length).toBeGreaterThan(0);
  });

  it("gives the match rate and why results were generic", async () => {
    // Five runs on another day, decided by hand: 3 personalized, 1 generic for missing consent, 1 with nothing matching.
    const quiz = await resolvePublicQuiz(h.db, { workspaceSlug: "glow", quizSlug: "routine" });
    const decidedAt = new Date("2025-05-01T12:00:00Z");
    const outcomes = [
      { generic: false, withheld: [], skus: ["A"] },
      { generic: false, withheld: [], skus: ["A", "B"] },
      { generic: false, withheld: [], skus: ["B"] },
      { generic: true, withheld: [{ purpose: "personalization" }], skus: ["C"] },
      { generic: true, withheld: [], skus: ["C"] },
    ];
    for (const o of outcomes) {
      const { responseId } = await startRun(
        h.db,
        { workspaceId: glow, quizId: quiz.quiz.id, versionId: quiz.version.id, definition: quiz.version.definition, locale: "en", hidden: {}, context: { channel: "api" } },
        new ManualClock(decidedAt),
      );
      await recordDecision(h.db, { workspaceId: glow, profileId: profiles[0]!, responseId, quizId: quiz.quiz.id, decidedAt, flow: null, bundle: { key: "starter", ...o } });
    }
    const may = toDateRange({ from: "2025-05-01", to: "2025-05-01", compare: false });
    const { totals, days } = await matchRate(h.db, glow, may);
    expect(totals).toMatchObject({ decided: 5, personalized: 3, generic: 2, matchRate: 0.6 });
    expect(totals.reasons.map((r) => [r.reason, r.count])).toEqual([
      ["consent_withheld", 1],
      ["no_match", 1],
      ["no_persona", 0],
    ]);
    expect(days).toEqual([{ day: "2025-05-01", personalized: 3, generic: 2 }]);
    // The same day in acme: nothing.
    expect((await matchRate(h.db, acme, may)).totals.decided).toBe(0);
  });
});

describe("conversions", () => {
  it("counts a conversion posted twice with the same idempotency key once, answering the first", async () => {
    const clock = at("12:00:00");
    const first = await recordConversion(h.db, glow, profiles[0]!, { value: 50, currency: "usd", skus: ["GLW-SR-HYAL"], idempotencyKey: "order-1" }, clock);
    const again = await recordConversion(h.db, glow, profiles[0]!, { value: 50, currency: "USD", skus: ["GLW-SR-HYAL"], idempotencyKey: "order-1" }, clock);
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ conversion: first.conversion, replayed: true });
    expect(first.conversion.attribution).toMatchObject({ responseId: runs[0]!.responseId, personalized: true });
    expect(first.conversion.attribution.bundle).toBeTruthy();
    await expect(recordConversion(h.db, glow, profiles[0]!, { value: 51, currency: "USD", idempotencyKey: "order-1" }, clock)).rejects.toMatchObject({ status: 422 });
    await recordConversion(h.db, glow, profiles[1]!, { value: 30, currency: "USD" }, clock);
    await recordConversion(h.db, glow, profiles[1]!, { value: 20.005, currency: "USD", occurredAt: `${day}T18:00:00Z` }, clock);
    await recordConversion(h.db, glow, profiles[1]!, { value: 9, currency: "EUR" }, clock);
    expect(await conversionTotals(h.db, glow, range)).toEqual({ currency: "USD", conversions: 4, converters: 2, revenue: 100.01, otherCurrency: 1 });
  });

  it("refuses another workspace's profile (404) and bad input (400)", async () => {
    await expect(recordConversion(h.db, acme, profiles[0]!, { value: 1, currency: "USD" })).rejects.toMatchObject({ status: 404 });
    await expect(recordConversion(h.db, glow, profiles[0]!, { value: -1, currency: "USD" })).rejects.toMatchObject({ status: 400 });
    await expect(recordConversion(h.db, glow, profiles[0]!, { value: 1, currency: "dollars" })).rejects.toMatchObject({ status: 400 });
  });

  it("reports conversion rate and revenue by bundle, personalized versus generic, and segment", async () => {
    const byKind = await conversionsBy(h.db, glow, range, "personalized", "USD");
    // Both completions of the day were personalized: two people shown, both converted.
    expect(byKind).toEqual([{ key: "personalized", label: "personalized", shown: 2, converters: 2, conversions: 4, revenue: 100.01, conversionRate: 1 }]);
    const segment = await createSegment(h.db, glow, { name: "Dry skin", rule: { trait: "skin_type", op: "eq", value: "dry" } }, cliActor);
    expect(await conversionsBySegment(h.db, glow, range, "USD", segment.id)).toEqual([
      { id: segment.id, name: "Dry skin", members: expect.any(Number), converters: 1, conversions: 1, revenue: 50, conversionRate: expect.any(Number) },
    ]);
    await expect(conversionsBySegment(h.db, glow, range, "USD", "seg_doesnotexist")).rejects.toMatchObject({ status: 404 });
    await expect(conversionsBySegment(h.db, acme, range, "USD", segment.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe("preferences and consent", () => {
  it("counts subscribes, unsubscribes, pauses and double opt-in per day from the change events", async () => {
    const today = resolveRange({ from: new Date().toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) });
    const sum = async () => {
      const { days, doubleOptIn } = await preferenceTimeline(h.db, glow, today);
      return {
        subscribes: days.reduce((n, d) => n + d.subscribes, 0),
        unsubscribes: days.reduce((n, d) => n + d.unsubscribes, 0),
        pauses: days.reduce((n, d) => n + d.pauses, 0),
        requests: doubleOptIn.requests,
        confirmations: doubleOptIn.confirmations,
      };
    };
    const before = await sum();
    const consent = { method: "checkbox" as const, actor: { type: "subject" as const } };
    const by = { origin: "person" as const, source: "preference_center", consent };
    // routine-tips asks for double opt-in: pending, then confirmed; offers has none.
    await updatePreferences(h.db, glow, profiles[1]!, { topics: { "routine-tips": { email: { status: "subscribed" } } } }, by);
    expect(await confirmSubscription(h.db, glow, profiles[1]!, { topic: "routine-tips", channel: "email" }, { consent })).toBe("confirmed");
    await updatePreferences(h.db, glow, profiles[1]!, { topics: { offers: { email: { status: "subscribed" } } } }, by);
    await updatePreferences(h.db, glow, profiles[1]!, { topics: { offers: { email: { status: "unsubscribed" } } } }, by);
    await updatePreferences(h.db, glow, profiles[1]!, { pausedUntil: new Date(Date.now() + 7 * 86_400_000).toISOString() }, by);
    const after = await sum();
    expect(Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - before[k as keyof typeof before]]))).toEqual({ subscribes: 1, unsubscribes: 1, pauses: 1, requests: 1, confirmations: 1 });
  });

  it("counts grants, withdrawals and GPC signals honoured per purpose", async () => {
    const { totals, purposes, purposeDays } = await consentActivity(h.db, glow, range);
    expect(purposeDays).toEqual([
      { day, purpose: "personalization", grants: 2, withdrawals: 0, gpc: 0 },
      { day, purpose: "sharing", grants: 0, withdrawals: 1, gpc: 1 },
    ]);
    // Each completion granted personalization on its email question; the second run sent GPC, withdrawing sharing.
    expect(totals).toEqual({ grants: 2, withdrawals: 1, gpc: 1 });
    expect(purposes.find((p) => p.purpose === "personalization")).toMatchObject({ grants: 2, withdrawals: 0 });
    expect(purposes.find((p) => p.purpose === "sharing")).toMatchObject({ grants: 0, withdrawals: 1, gpc: 1 });
  });
});

describe("overview and export", () => {
  it("sums the day for glow, compares with the day before, and shows nothing of it to acme", async () => {
    const o = await analyticsOverview(h.db, glow, range);
    expect(o.current.funnel).toMatchObject({ views: 5, starts: 4, completions: 2, completionRate: 0.5 });
    expect(o.current.conversions).toMatchObject({ conversions: 4, revenue: 100.01, currency: "USD" });
    expect(o.current).toMatchObject({ consentGrants: 2, consentWithdrawals: 1, decided: 2, personalized: 2, matchRate: 1 });
    expect(o.previous!.funnel).toMatchObject({ views: 0, starts: 0, completions: 0 });
    expect(o.previousDays).toEqual([{ day: "2025-06-09", views: 0, starts: 0, completions: 0 }]);
    expect(o.change!.starts).toBeNull();
    const other = await analyticsOverview(h.db, acme, range);
    expect(other.current.funnel).toMatchObject({ views: 0, starts: 0, completions: 0 });
    expect(other.current.conversions.conversions).toBe(0);
  });

  it("exports a table as CSV with formula-looking cells neutralised, and 404s an unknown table", async () => {
    const t = await analyticsTable(h.db, glow, "quizzes", "breakdown-utm_source", range, {});
    const csv = tableCsv(t);
    expect(csv.split("\r\n")[0]).toBe("UTM source,Views,Starts,Completions,Completion rate (fraction)");
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.test"")",0,1,0,0\r\n`);
    expect(csv).toContain("instagram,3,2,2,1\r\n");
    await expect(analyticsTable(h.db, glow, "quizzes", "nope", range, {})).rejects.toMatchObject({ status: 404 });
  });
});
