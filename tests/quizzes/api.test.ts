import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { setApiRuntime } from "@/lib/api/runtime";
import { createApiKey } from "@/lib/auth/api-keys";
import { createWorkspace } from "@/lib/workspaces/service";
import { cliActor } from "@/lib/audit/service";
import { ensureDemoQuiz } from "@/lib/quizzes/seed";
import * as quizzesRoute from "@/app/api/v1/quizzes/route";
import * as quizRoute from "@/app/api/v1/quizzes/[slug]/route";
import * as responsesRoute from "@/app/api/v1/quizzes/[slug]/responses/route";

let h: DbHandle;
const keys = { glow: "", acme: "", submitOnly: "", profilesOnly: "" };

beforeAll(async () => {
  h = await createTestDb();
  setApiRuntime({ handle: async () => h });
  const glow = await createWorkspace(h.db, { name: "Glow", slug: "glow-qapi" }, cliActor);
  const acme = await createWorkspace(h.db, { name: "Acme", slug: "acme-qapi" }, cliActor);
  await ensureDemoQuiz(h.db, glow.id, "glow");
  await ensureDemoQuiz(h.db, acme.id, "acme");
  keys.glow = (await createApiKey(h.db, { workspaceId: glow.id, name: "all", scopes: ["*"] }, cliActor)).plaintext;
  keys.acme = (await createApiKey(h.db, { workspaceId: acme.id, name: "all", scopes: ["*"] }, cliActor)).plaintext;
  keys.submitOnly = (await createApiKey(h.db, { workspaceId: glow.id, name: "submit", scopes: ["quizzes:write"] }, cliActor)).plaintext;
  keys.profilesOnly = (await createApiKey(h.db, { workspaceId: glow.id, name: "profiles", scopes: ["profiles:read"] }, cliActor)).plaintext;
});
afterAll(async () => {
  setApiRuntime(undefined);
  await h.close();
});

type Json = Record<string, unknown> & { errors?: { path: string }[]; code?: string; data?: Record<string, unknown>[] };
async function call(handler: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>, method: string, url: string, key: string, body?: unknown, slug?: string) {
  const res = await handler(
    new Request(`http://localhost${url}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve<Record<string, string>>(slug ? { slug } : {}) },
  );
  return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as Json };
}

const submit = (key: string, slug: string, body: unknown) => call(responsesRoute.POST, "POST", `/api/v1/quizzes/${slug}/responses`, key, body, slug);

describe("quizzes API", () => {
  it("submits a run and answers exactly the documented shape", async () => {
    const res = await submit(keys.glow, "routine", {
      profile: { email: "api-person@example.com" },
      answers: { skin_type: "dry", concerns: ["acne", "redness"], sensitive: "yes", budget: "low", email: "api-person@example.com" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(["outcome", "profileId", "responseId", "traits"]);
    expect(res.body).toMatchObject({
      traits: { skin_type: "dry", concerns: ["acne", "redness"], sensitive: true, budget: "low" },
      outcome: { bundle: [], onboardingFlow: null, explanations: [] },
    });
  });

  it("names every bad answer in a problem, stores nothing, and never 500s on malformed bodies", async () => {
    const bad = await submit(keys.acme, "welcome", {
      profile: { externalId: "u-1" },
      answers: { role: "engineer", stack: "go", team_size: "huge" },
    });
    expect(bad.status).toBe(400);
    expect(bad.type).toBe("application/problem+json");
    expect(bad.body.errors?.map((e) => e.path)).toEqual(["answers.stack"]);
    const offPath = await submit(keys.acme, "welcome", {
      profile: { externalId: "u-1" },
      answers: { role: "marketer", stack: ["go"], team_size: "small", goal: "x", email: "m@acme.test" },
    });
    expect(offPath.body.errors).toEqual([{ path: "answers.stack", message: expect.stringContaining("Not on this person's path") }]);
    for (const body of ["{", "[]", JSON.stringify({ answers: {} }), JSON.stringify({ profile: { email: "a@b.co" }, answers: { role: { x: 1 } } }), JSON.stringify({ profile: { email: "a@b.co", phone: "1" }, answers: {} })]) {
      const res = await submit(keys.acme, "welcome", body);
      expect(res.status, body).toBe(400);
    }
    const list = await call(responsesRoute.GET, "GET", "/api/v1/quizzes/welcome/responses", keys.acme, undefined, "welcome");
    expect(list.body.data).toEqual([]);
  });

  it("reads published definitions and lists responses with filters", async () => {
    const quiz = await call(quizRoute.GET, "GET", "/api/v1/quizzes/welcome", keys.acme, undefined, "welcome");
    expect(quiz.status).toBe(200);
    expect(quiz.body).toMatchObject({ slug: "welcome", version: 1, definition: { questions: expect.any(Array) } });
    expect((quiz.body.definition as { questions: { key: string }[] }).questions.map((q) => q.key)).toEqual(["role", "stack", "team_size", "goal", "email"]);
    expect((await call(quizRoute.GET, "GET", "/api/v1/quizzes/welcome?version=9", keys.acme, undefined, "welcome")).status).toBe(404);
    const all = await call(quizzesRoute.GET, "GET", "/api/v1/quizzes", keys.glow);
    expect(all.body.data).toEqual([expect.objectContaining({ slug: "routine", publishedVersion: 1 })]);

    await submit(keys.acme, "welcome", { profile: { externalId: "eng-1" }, answers: { role: "engineer", team_size: "large", goal: "SDK", email: "eng1@acme.test" } });
    const listed = await call(responsesRoute.GET, "GET", "/api/v1/quizzes/welcome/responses?status=completed&limit=10", keys.acme, undefined, "welcome");
    expect(listed.status).toBe(200);
    expect(listed.body.data?.[0]).toMatchObject({ quiz: "welcome", version: 1, status: "completed", channel: "api", answers: { role: "engineer", stack: null } });
    expect((await call(responsesRoute.GET, "GET", "/api/v1/quizzes/welcome/responses?limt=1", keys.acme, undefined, "welcome")).status).toBe(400);
    expect((await call(responsesRoute.GET, "GET", "/api/v1/quizzes/welcome/responses?from=yesterday", keys.acme, undefined, "welcome")).status).toBe(400);
  });

  it("keeps workspaces apart and checks scopes", async () => {
    expect((await call(quizRoute.GET, "GET", "/api/v1/quizzes/routine", keys.acme, undefined, "routine")).status).toBe(404);
    expect((await call(responsesRoute.GET, "GET", "/api/v1/quizzes/routine/responses", keys.acme, undefined, "routine")).status).toBe(404);
    expect((await submit(keys.acme, "routine", { profile: { email: "x@y.co" }, answers: {} })).status).toBe(404);
    expect((await call(responsesRoute.GET, "GET", "/api/v1/quizzes/routine/responses", keys.profilesOnly, undefined, "routine")).status).toBe(403);
    expect((await submit(keys.profilesOnly, "routine", { profile: { email: "x@y.co" }, answers: {} })).status).toBe(403);
    // quizzes:write implies quizzes:read.
    expect((await call(quizRoute.GET, "GET", "/api/v1/quizzes/routine", keys.submitOnly, undefined, "routine")).status).toBe(200);
  });

  it("stores a retried submit with the same Idempotency-Key once and answers with the first result", async () => {
    const body = {
      profile: { email: "retry@example.com" },
      answers: { skin_type: "oily", concerns: ["aging"], sensitive: "no", budget: "mid", email: "retry@example.com" },
    };
    const post = async (key: string, idempotencyKey: string, b: unknown = body, slug = "routine") => {
      const res = await responsesRoute.POST(
        new Request(`http://localhost/api/v1/quizzes/${slug}/responses`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "Idempotency-Key": idempotencyKey },
          body: JSON.stringify(b),
        }),
        { params: Promise.resolve({ slug }) },
      );
      return { status: res.status, body: (await res.json()) as Json };
    };
    const [first, second] = await Promise.all([post(keys.glow, "order-1"), post(keys.glow, "order-1")]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body).toEqual(first.body);
    const third = await post(keys.glow, "order-1");
    expect(third.body).toEqual(first.body);
    const list = await call(responsesRoute.GET, "GET", `/api/v1/quizzes/routine/responses?profileId=${first.body.profileId}`, keys.glow, undefined, "routine");
    expect(list.body.data).toHaveLength(1);

    // The same key with another request is refused, not silently answered with the first result.
    const changed = await post(keys.glow, "order-1", { ...body, answers: { ...body.answers, skin_type: "dry" } });
    expect(changed.status).toBe(422);
    expect(changed.body.errors?.map((e) => e.path)).toEqual(["header.Idempotency-Key"]);
    // Keys belong to a workspace: another workspace's identical key is a new request there.
    const acmeBody = { profile: { email: "retry@example.com" }, answers: { role: "engineer", team_size: "solo", goal: "ship", email: "retry@example.com" } };
    expect((await post(keys.acme, "order-1", acmeBody, "welcome")).status).toBe(201);
    // A key that is not a token is a field error.
    expect((await post(keys.glow, "two words")).body.errors?.map((e) => e.path)).toEqual(["header.Idempotency-Key"]);
  });
});
