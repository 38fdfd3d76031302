import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { executeRows } from "@/lib/db/rows";
import { seedDemo, type DemoContext } from "@/lib/seed/demo";
import { analyticsOverview } from "./overview";
import { resolveRange } from "./range";
import { seedAnalyticsDemo } from "./demo";

let h: DbHandle;
let demo: DemoContext;

beforeAll(async () => {
  h = await createTestDb();
  demo = await seedDemo(h.db, { activity: true });
}, 180_000);
afterAll(async () => h?.close());

describe("analytics demo", () => {
  it("gives both workspaces four weeks of views, runs, personalization and conversions, once", async () => {
    const range = resolveRange({});
    for (const ws of [demo.workspaces.glow, demo.workspaces.acme]) {
      const o = await analyticsOverview(h.db, ws.id, range);
      expect(o.current.funnel.views).toBeGreaterThan(o.current.funnel.starts);
      expect(o.current.funnel.completions).toBeGreaterThan(10);
      expect(o.current.funnel.starts).toBeGreaterThan(o.current.funnel.completions);
      expect(o.current.decided).toBe(o.current.funnel.completions);
      expect(o.current.conversions.conversions).toBeGreaterThan(3);
    }
    const count = async () => (await executeRows<{ n: number }>(h.db, sql`select count(*)::int as n from quiz_responses`))[0]!.n;
    const before = await count();
    await seedAnalyticsDemo(demo);
    expect(await count()).toBe(before);
  });
});
