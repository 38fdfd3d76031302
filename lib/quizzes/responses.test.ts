import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { executeRows } from "@/lib/db/rows";
import { createWorkspace } from "@/lib/workspaces/service";
import { cliActor, type Actor } from "@/lib/audit/service";
import { listEvents } from "@/lib/events/service";
import { listConsentRecords } from "@/lib/consent/ledger";
import { eraseProfile } from "@/lib/profiles/erasure";
import { exportProfile } from "@/lib/profiles/export";
import { ensureDemoQuiz } from "./seed";
import { listQuizResponses, submitResponse } from "./responses";
import { getTraits, setTraitDefinitionArchived } from "@/lib/traits/service";
import { setQuizArchived, createQuiz } from "./service";

let h: DbHandle;
let glow: string;
let acme: string;
const key: Actor = { type: "api_key", id: "key_test", label: "server" };
const routine = { skin_type: "dry", concerns: ["acne"], sensitive: "no", budget: "mid", email: "sam@example.com" };

beforeAll(async () => {
  h = await createTestDb();
  glow = (await createWorkspace(h.db, { name: "Glow", slug: "glow-api" }, cliActor)).id;
  acme = (await createWorkspace(h.db, { name: "Acme", slug: "acme-api" }, cliActor)).id;
  await ensureDemoQuiz(h.db, glow, "glow");
  await ensureDemoQuiz(h.db, acme, "acme");
});
afterAll(async () => {
  await h.close();
});

const countResponses = async () => (await executeRows<{ n: number }>(h.db, sql`select count(*)::int as n from quiz_responses`))[0]!.n;

describe("server-side submission", () => {
  it("stores a whole run, declares traits and answers in the documented shape", async () => {
    const res = await submitResponse(h.db, glow, "routine", { profile: { externalId: "cust-42" }, answers: routine, marketingOptIn: false }, key);
    expect(res).toEqual({
      responseId: expect.stringMatching(/^rsp_/),
      profileId: expect.stringMatching(/^prf_/),
      traits: { skin_type: "dry", concerns: ["acne"], sensitive: false, budget: "mid" },
      outcome: { bundle: [], onboardingFlow: null, explanations: [] },
    });
    const consents = await listConsentRecords(h.db, glow, res.profileId);
    expect(consents.map((c) => [c.purpose, c.method, c.actor.type])).toEqual([["personalization", "quiz", "api_key"]]);
    const [event] = await listEvents(h.db, { workspaceId: glow, type: "quiz.completed", subjectId: res.profileId });
    expect(event?.data).toMatchObject({ responseId: res.responseId, channel: "api" });
  });

  it("skips a trait archived after publication, keeps the others with their question as provenance", async () => {
    await setTraitDefinitionArchived(h.db, glow, "budget", true, cliActor);
    try {
      const res = await submitResponse(h.db, glow, "routine", { profile: { externalId: "cust-archived" }, answers: { ...routine, email: "archived@example.com" } }, key);
      expect(res.traits).toEqual({ skin_type: "dry", concerns: ["acne"], sensitive: false });
      const traits = await getTraits(h.db, glow, res.profileId);
      expect(traits.map((t) => t.key).sort()).toEqual(["concerns", "sensitive", "skin_type"]);
      expect(traits.find((t) => t.key === "skin_type")?.source).toMatchObject({ kind: "quiz", ref: expect.stringMatching(/#skin_type$/) });
    } finally {
      await setTraitDefinitionArchived(h.db, glow, "budget", false, cliActor);
    }
  });

  it.each([
    [{ ...routine, skin_type: "scaly" }, "answers.skin_type"],
    [{ ...routine, concerns: "acne" }, "answers.concerns"],
    [{ ...routine, fragrance_free: "yes" }, "answers.fragrance_free"],
    [{ ...routine, favourite_colour: "blue" }, "answers.favourite_colour"],
    [{ skin_type: "dry", concerns: ["acne"], sensitive: "no", email: "x@example.com" }, "answers.budget"],
    [{ ...routine, email: "not an email" }, "answers.email"],
  ])("refuses %j naming %s, storing nothing", async (answers, path) => {
    const before = await countResponses();
    await expect(submitResponse(h.db, glow, "routine", { profile: { email: "bad@example.com" }, answers }, key)).rejects.toMatchObject({
      code: "validation_failed",
      fields: expect.arrayContaining([expect.objectContaining({ path })]),
    });
    expect(await countResponses()).toBe(before);
  });

  it("refuses an unknown identity shape, unpublished and archived quizzes, and another workspace's quiz", async () => {
    await expect(submitResponse(h.db, glow, "routine", { profile: {}, answers: routine } as never, key)).rejects.toMatchObject({ code: "validation_failed" });
    await expect(submitResponse(h.db, glow, "routine", { profile: { email: "nope" }, answers: routine }, key)).rejects.toMatchObject({
      fields: [{ path: "profile.email" }],
    });
    const draft = await createQuiz(h.db, glow, { name: "Draft", slug: "draft-only" }, cliActor);
    await expect(submitResponse(h.db, glow, "draft-only", { profile: { email: "a@b.co" }, answers: {} }, key)).rejects.toMatchObject({ code: "conflict" });
    await setQuizArchived(h.db, glow, draft.id, true, cliActor);
    await expect(submitResponse(h.db, glow, "draft-only", { profile: { email: "a@b.co" }, answers: {} }, key)).rejects.toMatchObject({ code: "gone" });
    await expect(submitResponse(h.db, acme, "routine", { profile: { email: "a@b.co" }, answers: routine }, key)).rejects.toMatchObject({ code: "not_found" });
  });

  it("lists responses with filters and a cursor, only in the workspace", async () => {
    for (const role of ["marketer", "engineer", "product_manager"]) {
      await submitResponse(h.db, acme, "welcome", { profile: { email: `${role}@acme.test` }, answers: { role, team_size: "solo", goal: "Learn", email: `${role}@acme.test` } }, key);
    }
    const first = await listQuizResponses(h.db, acme, "welcome", { limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await listQuizResponses(h.db, acme, "welcome", { limit: 2, cursor: first.nextCursor! });
    expect(second.data.map((r) => r.answers.role)).toEqual(["marketer"]);
    expect(second.nextCursor).toBeNull();
    expect((await listQuizResponses(h.db, acme, "welcome", { status: "partial" })).data).toEqual([]);
    expect((await listQuizResponses(h.db, acme, "welcome", { version: 2 })).data).toEqual([]);
    const engineer = first.data.find((r) => r.answers.role === "engineer")!;
    expect(engineer).toMatchObject({ status: "completed", version: 1, quiz: "welcome", channel: "api", profileEmail: "engineer@acme.test", ending: "engineer" });
    expect((await listQuizResponses(h.db, acme, "welcome", { profileId: engineer.profileId! })).data.map((r) => r.id)).toEqual([engineer.id]);
    await expect(listQuizResponses(h.db, glow, "welcome", {})).rejects.toMatchObject({ code: "not_found" });
  });

  it("exports a profile's responses and erases everything they said", async () => {
    const res = await submitResponse(h.db, acme, "welcome", {
      profile: { email: "erase-me@acme.test" },
      answers: { role: "marketer", team_size: "large", goal: "My secret plan", email: "erase-me@acme.test" },
      hidden: { plan: "pro" },
    }, key);
    const exported = await exportProfile(h.db, acme, res.profileId);
    expect(JSON.stringify(exported)).toContain("My secret plan");
    await eraseProfile(h.db, acme, res.profileId, cliActor);
    const rows = await executeRows<{ answers: unknown; hidden: unknown; traits: unknown; profile_id: string | null }>(
      h.db,
      sql`select answers, hidden, traits, profile_id from quiz_responses where id = ${res.responseId}`,
    );
    expect(rows[0]).toEqual({ answers: {}, hidden: {}, traits: null, profile_id: null });
    const left = await executeRows(h.db, sql`select id from quiz_responses where answers::text like '%erase-me%' or answers::text like '%secret plan%'`);
    expect(left).toEqual([]);
  });
});
