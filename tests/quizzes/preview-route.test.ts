import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { executeRows } from "@/lib/db/rows";
import { env } from "@/lib/core/env";
import { setApiRuntime } from "@/lib/api/runtime";
import { createWorkspace } from "@/lib/workspaces/service";
import { cliActor } from "@/lib/audit/service";
import { ensureDemoQuiz } from "@/lib/quizzes/seed";
import { saveQuizDraft } from "@/lib/quizzes/service";
import { quizDefinition } from "@/lib/quizzes/definition";
import { previewToken } from "@/lib/quizzes/preview";
import { GET, POST } from "@/app/(public)/q/[workspace]/[quiz]/preview/route";

let h: DbHandle;
let token: string;
const base = "/q/acme-pv/welcome/preview";
const params = { params: Promise.resolve({ workspace: "acme-pv", quiz: "welcome" }) };

beforeAll(async () => {
  h = await createTestDb();
  setApiRuntime({ handle: async () => h });
  const ws = await createWorkspace(h.db, { name: "Acme", slug: "acme-pv" }, cliActor);
  const quiz = await ensureDemoQuiz(h.db, ws.id, "acme");
  // The preview shows the draft, not what is published.
  const draft = quizDefinition.parse(quiz.draft);
  draft.questions[0]!.title = { en: "Which hat do you wear?" };
  await saveQuizDraft(h.db, ws.id, { quizId: quiz.id, revision: quiz.draftRevision, definition: draft }, cliActor);
  token = previewToken(ws.linkSecret, quiz.id);
});
afterAll(async () => {
  setApiRuntime(undefined);
  await h.close();
});

const get = async (query: string) => {
  const res = await GET(new Request(`${env().APP_URL}${base}${query}`), params);
  return { res, html: await res.text() };
};
const post = (fields: [string, string][]) =>
  POST(new Request(`${env().APP_URL}${base}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() }), params);
const responses = async () => (await executeRows<{ n: number }>(h.db, sql`select count(*)::int as n from quiz_responses`))[0]!.n;

describe("builder preview", () => {
  it("refuses a missing or forged token", async () => {
    expect((await get("")).res.status).toBe(404);
    expect((await get(`?pt=${token.replace(/.$/, "x")}`)).res.status).toBe(404);
  });

  it("runs the draft through the real screens, framable only by the builder, storing nothing", async () => {
    const start = await get(`?pt=${token}`);
    expect(start.res.status).toBe(200);
    expect(start.res.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
    expect(start.res.headers.get("x-frame-options")).toBeNull();
    expect(start.html).toContain("Preview: answers are not saved.");
    const started = await post([["action", "start"], ["pt", token]]);
    const first = await get(new URL(started.headers.get("location")!).search);
    expect(first.html).toContain("Which hat do you wear?");
    const s = new URL(started.headers.get("location")!).searchParams.get("s")!;
    const answered = await post([["pt", token], ["s", s], ["q", "role"], ["a", "engineer"]]);
    expect(answered.status).toBe(303);
    const next = new URL(answered.headers.get("location")!);
    expect(next.searchParams.get("q")).toBe("stack");
    const bad = await post([["pt", token], ["s", next.searchParams.get("s")!], ["q", "team_size"], ["a", "galactic"]]);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Choose one of the options shown.");
    expect(await responses()).toBe(0);
  });

  it("opens any question directly, for the one being edited", async () => {
    const { html } = await get(`?pt=${token}&q=email`);
    expect(html).toContain("Your work email");
    expect(html).toContain('name="optin"');
  });
});
