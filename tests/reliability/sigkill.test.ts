import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { events, profiles, quizResponses } from "@/lib/db/schema";
import { executeRows } from "@/lib/db/rows";
import { resolvePublicQuiz, startRun } from "@/lib/quizzes/runs";
import { recordReliabilityFigure } from "@/bench/reliability-report";
import { startServer, type Started } from "./support/processes";
import { seedTenants, type Tenant } from "./support/tenants";

const SUBMISSIONS = 1000;
const skinTypes = ["dry", "oily", "combination", "normal"] as const;

let h: DbHandle & { url?: string };
let glow: Tenant;
let server: Started | null = null;

beforeAll(async () => {
  h = await createTestDb();
  ({ glow } = await seedTenants(h.db));
});
afterAll(async () => {
  await server?.kill("SIGKILL");
  await h.close();
});

type Outcome = { kind: "api"; i: number; status: number; responseId?: string } | { kind: "answer"; i: number; status: number; responseId: string; value: string };

describe("SIGKILL during 1,000 concurrent quiz submissions (PostgreSQL)", () => {
  it("keeps every acknowledged submission and an event for every committed change", async () => {
    const quiz = await resolvePublicQuiz(h.db, { workspaceSlug: "glow", quizSlug: "routine" });
    // Half are hosted answer saves (the form POST every person makes), half whole runs via the API.
    const runs = await Promise.all(
      Array.from({ length: SUBMISSIONS / 2 }, () =>
        startRun(h.db, {
          workspaceId: glow.id,
          quizId: quiz.quiz.id,
          versionId: quiz.version.id,
          definition: quiz.version.definition,
          locale: "en",
          hidden: {},
          context: { channel: "hosted" },
        }),
      ),
    );
    server = await startServer({ databaseUrl: h.url!, env: { CANDOR_API_RATE_LIMIT: "0" } });
    const base = server.url;
    const stamp = Date.now().toString(36);

    const acked = { api: 0, answer: 0 };
    let reachedKillPoint: () => void = () => {};
    const killPoint = new Promise<void>((resolve) => (reachedKillPoint = resolve));
    const count = (kind: keyof typeof acked, ok: boolean) => {
      if (ok) acked[kind]++;
      if (acked.api >= 50 && acked.answer >= 50) reachedKillPoint();
    };

    const requests: Promise<Outcome>[] = [];
    for (let i = 0; i < SUBMISSIONS / 2; i++) {
      requests.push(
        fetch(`${base}/api/v1/quizzes/routine/responses`, {
          method: "POST",
          headers: { authorization: `Bearer ${glow.key}`, "content-type": "application/json" },
          body: JSON.stringify({
            profile: { externalId: `kill-${stamp}-${i}` },
            answers: { skin_type: skinTypes[i % 4], concerns: ["acne"], sensitive: "no", budget: "mid", email: `kill-${stamp}-${i}@example.com` },
          }),
        }).then(
          async (res) => {
            const body = res.status === 201 ? ((await res.json()) as { responseId: string }) : null;
            count("api", res.status === 201);
            return { kind: "api" as const, i, status: res.status, responseId: body?.responseId };
          },
        ).catch(() => ({ kind: "api" as const, i, status: 0 })), // no answer, or cut off mid-body: not acknowledged
      );
      const run = runs[i]!;
      const value: string = skinTypes[(i + 1) % 4]!;
      requests.push(
        fetch(`${base}/q/glow/routine`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ r: run.token, q: "skin_type", a: value }).toString(),
          redirect: "manual",
        }).then(
          async (res) => {
            await res.arrayBuffer();
            count("answer", res.status === 303);
            return { kind: "answer" as const, i, status: res.status, responseId: run.responseId, value };
          },
        ).catch(() => ({ kind: "answer" as const, i, status: 0, responseId: run.responseId, value })),
      );
    }

    // Kill once 50 of each kind are acknowledged (or after 40 s), with the rest queued or in flight.
    await Promise.race([killPoint, new Promise((r) => setTimeout(r, 40_000))]);
    await server.kill("SIGKILL");
    const outcomes = await Promise.all(requests);
    const api = outcomes.filter((o): o is Extract<Outcome, { kind: "api" }> => o.kind === "api" && o.status === 201);
    const answers = outcomes.filter((o): o is Extract<Outcome, { kind: "answer" }> => o.kind === "answer" && o.status === 303);
    const cut = outcomes.filter((o) => o.status === 0).length;
    expect(api.length, "API submissions acknowledged before the kill").toBeGreaterThan(0);
    expect(answers.length, "answer saves acknowledged before the kill").toBeGreaterThan(0);
    expect(cut, "the kill cut some submissions off").toBeGreaterThan(0);
    // Anything else (a 4xx or 5xx) would be a bug of its own, not a crash effect.
    expect(outcomes.filter((o) => o.status !== 0 && o.status !== 201 && o.status !== 303)).toEqual([]);

    server = await startServer({ databaseUrl: h.url!, env: { CANDOR_API_RATE_LIMIT: "0" } });

    // 1. Every 201 is there, completed, read back through the restarted server.
    const listed = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: Response = await fetch(`${server.url}/api/v1/quizzes/routine/responses?status=completed&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, {
        headers: { authorization: `Bearer ${glow.key}` },
      });
      expect(page.status).toBe(200);
      const body = (await page.json()) as { data: { id: string }[]; nextCursor: string | null };
      for (const r of body.data) listed.add(r.id);
      cursor = body.nextCursor;
    } while (cursor);
    const lostApi = api.filter((o) => !listed.has(o.responseId!));

    // 2. Every 303 left its answer on its run.
    const stored = await h.db
      .select({ id: quizResponses.id, answers: quizResponses.answers })
      .from(quizResponses)
      .where(inArray(quizResponses.id, answers.length ? answers.map((a) => a.responseId) : ["none"]));
    const byId = new Map(stored.map((r) => [r.id, r.answers]));
    const lostAnswers = answers.filter((a) => byId.get(a.responseId)?.skin_type !== a.value);

    // 3. Every committed completion has exactly one quiz.completed event, acknowledged or not.
    const unmatched = await executeRows<{ id: string; n: number }>(
      h.db,
      sql`select r.id, count(e.id)::int as n from ${quizResponses} r
          left join ${events} e on e.workspace_id = r.workspace_id and e.type = 'quiz.completed' and e.data->>'responseId' = r.id
          where r.workspace_id = ${glow.id} and r.status = 'completed' group by r.id having count(e.id) <> 1`,
    );
    // 4. Every profile the load created has its profile.created event.
    const created = await h.db
      .select({ id: profiles.id })
      .from(profiles)
      .where(and(eq(profiles.workspaceId, glow.id), sql`${profiles.externalId} like ${`kill-${stamp}-%`}`));
    const withEvent = new Set(
      (
        await h.db
          .select({ subject: events.subjectId })
          .from(events)
          .where(and(eq(events.workspaceId, glow.id), eq(events.type, "profile.created")))
      ).map((e) => e.subject),
    );
    const profilesWithoutEvent = created.filter((p) => !withEvent.has(p.id));

    const bad = lostApi.length + lostAnswers.length + unmatched.length + profilesWithoutEvent.length;
    recordReliabilityFigure("sigkill", {
      bad,
      total: api.length + answers.length,
      detail: `${api.length} API submissions and ${answers.length} answer saves acknowledged, ${cut} cut off by SIGKILL; ${unmatched.length} completions without exactly one event`,
    });
    expect(lostApi, "acknowledged API submissions missing after restart").toEqual([]);
    expect(lostAnswers, "acknowledged answers missing after restart").toEqual([]);
    expect(unmatched, "completed responses without exactly one quiz.completed event").toEqual([]);
    expect(profilesWithoutEvent, "profiles without profile.created").toEqual([]);
  });
});
