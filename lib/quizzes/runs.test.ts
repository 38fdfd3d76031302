import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { createWorkspace } from "@/lib/workspaces/service";
import { cliActor } from "@/lib/audit/service";
import { listEvents } from "@/lib/events/service";
import { getTraitHistory, getTraits } from "@/lib/traits/service";
import { listConsentRecords } from "@/lib/consent/ledger";
import { getCurrentNotice } from "@/lib/consent/service";
import { ManualClock } from "@/lib/core/clock";
import { ensureDemoQuiz } from "./seed";
import { answerQuestion, loadRun, resolvePublicQuiz, startRun, versionDefinition, type PublicQuiz } from "./runs";

let h: DbHandle;
let glow: PublicQuiz;
let acme: PublicQuiz;
const clock = new ManualClock("2026-03-01T10:00:00Z");
const browser = { gpc: false, ip: "203.0.113.9", userAgent: "Mozilla/5.0 (iPhone)", sourceUrl: "https://glow.example/quiz?utm_source=x" };

beforeAll(async () => {
  h = await createTestDb();
  const g = await createWorkspace(h.db, { name: "Glow", slug: "glow-runs" }, cliActor);
  const a = await createWorkspace(h.db, { name: "Acme", slug: "acme-runs" }, cliActor);
  await ensureDemoQuiz(h.db, g.id, "glow");
  await ensureDemoQuiz(h.db, a.id, "acme");
  glow = await resolvePublicQuiz(h.db, { workspaceSlug: "glow-runs", quizSlug: "routine" });
  acme = await resolvePublicQuiz(h.db, { workspaceSlug: "acme-runs", quizSlug: "welcome" });
});
afterAll(async () => {
  await h.close();
});

async function start(quiz: PublicQuiz, hidden: Record<string, string> = {}) {
  return startRun(
    h.db,
    {
      workspaceId: quiz.workspace.id,
      quizId: quiz.quiz.id,
      versionId: quiz.version.id,
      definition: quiz.version.definition,
      locale: "en",
      hidden,
      context: { channel: "hosted", device: "mobile" },
    },
    clock,
  );
}

const answer = (token: string, questionKey: string, raw: unknown, extra: object = {}, req = browser) =>
  answerQuestion(h.db, { token, questionKey, raw, source: "form", ...extra }, req, clock);

describe("a hosted run", () => {
  it("saves each answer as it is given and resumes from the token on another device", async () => {
    const { token } = await start(glow);
    expect((await answer(token, "skin_type", "dry")).status).toBe("partial");
    const r = await answer(token, "concerns", ["acne", "redness"]);
    expect(r).toMatchObject({ status: "partial", next: { kind: "question", key: "sensitive" } });
    // "Another device" has nothing but the link: the token alone restores the run.
    const resumed = await loadRun(h.db, token);
    expect(resumed?.response.answers).toEqual({ skin_type: "dry", concerns: ["acne", "redness"] });
    expect(resumed?.response.currentQuestion).toBe("sensitive");
    expect(resumed?.walk.current).toEqual({ kind: "question", key: "sensitive" });
    expect(await loadRun(h.db, "x".repeat(24))).toBeNull();
  });

  it("answers from a stale copy are refused by compare-and-set and replayed on the fresh run", async () => {
    const { token } = await start(glow);
    await answer(token, "skin_type", "dry");
    const stale = (await loadRun(h.db, token))!;
    await answer(token, "concerns", ["aging"]);
    // A second tab (or process) still holds the run as it was before "concerns".
    const r = await answerQuestion(h.db, { token, questionKey: "skin_type", raw: "oily", source: "form" }, browser, clock, stale);
    expect(r.stored).toBe(true);
    expect((await loadRun(h.db, token))?.response.answers).toEqual({ skin_type: "oily", concerns: ["aging"] });
  });

  it("never skips a write because a cached copy already had the answer", async () => {
    const { token, responseId } = await start(glow);
    await answer(token, "skin_type", "dry");
    // Another process changes the answer behind this one's cache.
    await h.db.execute(sql`update quiz_responses set answers = '{"skin_type":"oily"}'::jsonb, revision = revision + 1 where id = ${responseId}`);
    const again = await answer(token, "skin_type", "dry");
    expect(again.stored).toBe(true);
    expect((await loadRun(h.db, token))?.response.answers).toEqual({ skin_type: "dry" });
  });

  it("stores a double-submitted answer once", async () => {
    const { token } = await start(glow);
    const [a, b] = await Promise.all([answer(token, "skin_type", "oily"), answer(token, "skin_type", "oily")]);
    expect([a.stored, b.stored].sort()).toEqual([false, true]);
    const run = await loadRun(h.db, token);
    expect(run?.response.revision).toBe(1);
    expect(run?.response.answers).toEqual({ skin_type: "oily" });
  });

  it("refuses answers off the path, unknown options and wrong types, storing nothing", async () => {
    const { token } = await start(glow);
    await answer(token, "skin_type", "dry");
    await expect(answer(token, "budget", "low")).rejects.toMatchObject({ code: "validation_failed", fields: [{ path: "answers.budget" }] });
    await expect(answer(token, "concerns", ["acne", "glitter"])).rejects.toMatchObject({ fields: [{ path: "answers.concerns" }] });
    await expect(answer(token, "nope", "x")).rejects.toMatchObject({ fields: [{ path: "answers.nope" }] });
    await expect(answerQuestion(h.db, { token, questionKey: "concerns", raw: "acne", source: "json" }, browser, clock)).rejects.toMatchObject({
      fields: [{ path: "answers.concerns", message: "Send a list of option keys" }],
    });
    const run = await loadRun(h.db, token);
    expect(run?.response.answers).toEqual({ skin_type: "dry" });
    expect(run?.response.revision).toBe(1);
  });

  it("going back and changing an answer drops the answers the new route skips", async () => {
    const { token } = await start(glow);
    await answer(token, "skin_type", "dry");
    await answer(token, "concerns", ["aging"]);
    await answer(token, "sensitive", "yes");
    await answer(token, "fragrance_free", "yes");
    const r = await answer(token, "sensitive", "no");
    expect(r).toMatchObject({ next: { kind: "question", key: "budget" } });
    expect((await loadRun(h.db, token))?.response.answers).toEqual({ skin_type: "dry", concerns: ["aging"], sensitive: "no" });
  });

  it("completes with traits carrying their provenance, consent for the notices shown, and quiz.completed", async () => {
    const { token, responseId } = await start(glow, { product: "night-cream" });
    await answer(token, "skin_type", "combination");
    await answer(token, "concerns", ["dullness", "dark_spots"]);
    await answer(token, "sensitive", "yes");
    await answer(token, "fragrance_free", "");
    await answer(token, "budget", "high");
    await answer(token, "minutes", "7");
    const personalization = await getCurrentNotice(h.db, glow.workspace.id, { purpose: "personalization", locale: "en" });
    const marketing = await getCurrentNotice(h.db, glow.workspace.id, { purpose: "marketing", locale: "en" });
    const done = await answer(token, "email", " Ada@Example.com ", {
      marketingOptIn: true,
      noticeVersionIds: { personalization: personalization!.id, marketing: marketing!.id },
    });
    expect(done).toMatchObject({ status: "completed", responseId });

    const run = (await loadRun(h.db, token))!;
    expect(run.response).toMatchObject({ status: "completed", endingKey: "done", currentQuestion: null, hidden: { product: "night-cream" } });
    const profileId = run.response.profileId!;
    const traits = Object.fromEntries((await getTraits(h.db, glow.workspace.id, profileId)).map((t) => [t.key, t]));
    expect(traits.skin_type).toMatchObject({ value: "combination", source: { kind: "quiz", ref: `${glow.version.id}#skin_type` } });
    expect(traits.concerns?.value).toEqual(["dullness", "dark_spots"]);
    expect(traits.sensitive).toMatchObject({ value: true, source: { ref: `${glow.version.id}#sensitive` } });
    expect(traits.routine_minutes?.value).toBe(7);
    expect(traits.fragrance_free).toBeUndefined();
    expect((await getTraitHistory(h.db, glow.workspace.id, profileId)).length).toBe(5);

    const consents = await listConsentRecords(h.db, glow.workspace.id, profileId);
    expect(consents.map((c) => [c.purpose, c.action, c.method, c.noticeVersionId])).toEqual(
      expect.arrayContaining([
        ["personalization", "grant", "quiz", personalization!.id],
        ["marketing", "grant", "checkbox", marketing!.id],
      ]),
    );
    expect(consents[0]).toMatchObject({ collectionPoint: "quiz:routine", ipTruncated: "203.0.113.0", evidence: { responseId } });

    const [event] = await listEvents(h.db, { workspaceId: glow.workspace.id, type: "quiz.completed", subjectId: profileId });
    expect(event?.data).toMatchObject({ profileId, quiz: "routine", responseId, traits: { skin_type: "combination" } });

    // The retry of the completing answer is answered the same, and writes nothing more.
    const retry = await answer(token, "email", "ada@example.com", { marketingOptIn: true });
    expect(retry).toMatchObject({ status: "completed", stored: false });
    expect(await listEvents(h.db, { workspaceId: glow.workspace.id, type: "quiz.completed", subjectId: profileId })).toHaveLength(1);
    await expect(answer(token, "budget", "low")).rejects.toMatchObject({ code: "conflict" });
  });

  it("leaves the marketing box unticked unless the person ticks it", async () => {
    const { token } = await start(acme);
    await answer(token, "role", "marketer");
    await answer(token, "team_size", "small");
    await answer(token, "goal", "Grow the list");
    await answer(token, "email", "mia@acme.test");
    const run = (await loadRun(h.db, token))!;
    expect(run.response.endingKey).toBe("welcome");
    const consents = await listConsentRecords(h.db, acme.workspace.id, run.response.profileId!);
    expect(consents.map((c) => c.purpose)).toEqual(["personalization"]);
  });

  it("honours Global Privacy Control seen during the run", async () => {
    const { token } = await start(acme);
    const gpc = { ...browser, gpc: true };
    await answer(token, "role", "engineer", {}, gpc);
    await answer(token, "stack", ["go", "python"]);
    await answer(token, "team_size", "medium");
    await answer(token, "goal", "Wire up the SDK");
    await answer(token, "email", "eng@acme.test");
    const run = (await loadRun(h.db, token))!;
    expect(run.response.endingKey).toBe("engineer");
    const consents = await listConsentRecords(h.db, acme.workspace.id, run.response.profileId!);
    expect(consents.find((c) => c.purpose === "sharing")).toMatchObject({ action: "withdraw", method: "gpc" });
    const traits = Object.fromEntries((await getTraits(h.db, acme.workspace.id, run.response.profileId!)).map((t) => [t.key, t.value]));
    expect(traits).toMatchObject({ role: "engineer", stack: ["python", "go"], team_size: "medium", goal: "Wire up the SDK" });
  });

  it("takes no answers once the quiz is archived", async () => {
    const { setQuizArchived } = await import("./service");
    const { token } = await start(acme);
    const { token: warm } = await start(acme);
    // This process now holds the run in memory; the archive must still stop its next answer.
    await answer(warm, "role", "marketer");
    await setQuizArchived(h.db, acme.workspace.id, acme.quiz.id, true, cliActor);
    try {
      await expect(answer(token, "role", "engineer")).rejects.toMatchObject({ code: "gone" });
      await expect(answer(warm, "team_size", "solo")).rejects.toMatchObject({ code: "gone" });
      expect((await loadRun(h.db, warm))?.response.answers).toEqual({ role: "marketer" });
      await expect(resolvePublicQuiz(h.db, { workspaceSlug: "acme-runs", quizSlug: "welcome" })).rejects.toMatchObject({ code: "gone" });
    } finally {
      await setQuizArchived(h.db, acme.workspace.id, acme.quiz.id, false, cliActor);
    }
  });

  it("never hands out another workspace's quiz version, even once it is cached", async () => {
    expect((await versionDefinition(h.db, glow.workspace.id, glow.version.id)).title).toBeTruthy();
    await expect(versionDefinition(h.db, acme.workspace.id, glow.version.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
