import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { executeRows } from "@/lib/db/rows";
import { env } from "@/lib/core/env";
import { ManualClock } from "@/lib/core/clock";
import { setApiRuntime } from "@/lib/api/runtime";
import { createWorkspace } from "@/lib/workspaces/service";
import { cliActor } from "@/lib/audit/service";
import { ensureDemoQuiz } from "@/lib/quizzes/seed";
import { resolvePublicQuiz } from "@/lib/quizzes/runs";
import { countQuizView, VIEW_SHARDS } from "@/lib/analytics/views";
import { GET } from "@/app/(public)/q/[workspace]/[quiz]/route";

// Views are the funnel's first step: counted when the start screen is shown, without a row per view.
let h: DbHandle;
let ws: string;

beforeAll(async () => {
  h = await createTestDb();
  setApiRuntime({ handle: async () => h });
  ws = (await createWorkspace(h.db, { name: "Glow", slug: "glow-views" }, cliActor)).id;
  await ensureDemoQuiz(h.db, ws, "glow");
});
afterAll(async () => {
  setApiRuntime(undefined);
  await h.close();
});

const counts = (day: string) =>
  executeRows<{ channel: string; device: string; utm_source: string; views: number; rows: number }>(
    h.db,
    sql`select channel, device, utm_source, sum(views)::int as views, count(*)::int as rows from quiz_view_counts
        where workspace_id = ${ws} and day = ${day}::date group by 1, 2, 3 order by 1, 2, 3`,
  );

describe("quiz views", () => {
  it("counts the hosted start screen by device and UTM source, without making the page wait", async () => {
    const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148";
    const show = (query: string, ua: string) => GET(new Request(`${env().APP_URL}/q/glow-views/routine${query}`, { headers: { "user-agent": ua } }), { params: Promise.resolve({ workspace: "glow-views", quiz: "routine" }) });
    for (const res of [await show("?utm_source=instagram", iphone), await show("?utm_source=instagram", iphone), await show("", "Mozilla/5.0 (X11; Linux x86_64)")]) {
      expect(res.status).toBe(200);
    }
    const today = new Date().toISOString().slice(0, 10);
    // Counted in the background: give it a moment.
    for (let i = 0; i < 50 && (await counts(today)).reduce((n, r) => n + r.views, 0) < 3; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await counts(today)).map(({ channel, device, utm_source, views }) => ({ channel, device, utm_source, views }))).toEqual([
      { channel: "hosted", device: "desktop", utm_source: "", views: 1 },
      { channel: "hosted", device: "mobile", utm_source: "instagram", views: 2 },
    ]);
  });

  it("loses no view when many arrive at once, spread over at most the shard rows", async () => {
    const quiz = await resolvePublicQuiz(h.db, { workspaceSlug: "glow-views", quizSlug: "routine" });
    const clock = new ManualClock("2025-03-03T10:00:00Z");
    const view = { workspaceId: ws, quizId: quiz.quiz.id, versionId: quiz.version.id, channel: "embed" as const, device: "mobile" };
    await Promise.all(Array.from({ length: 200 }, () => countQuizView(h.db, view, clock)));
    const [row] = await counts("2025-03-03");
    expect(row!.views).toBe(200);
    expect(row!.rows).toBeLessThanOrEqual(VIEW_SHARDS);
  });
});
