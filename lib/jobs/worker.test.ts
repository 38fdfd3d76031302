import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { verificationTokens } from "@/lib/db/schema";
import { createBoss } from "./boss";
import { startWorkers } from "./worker";

let h: DbHandle;
let boss: PgBoss;
beforeAll(async () => {
  h = await createTestDb();
  boss = await createBoss(h, { supervise: false, schedule: false });
  await startWorkers(boss, h.db, { pollingIntervalSeconds: 0.5 });
});
afterAll(async () => {
  await boss.stop({ graceful: false, timeout: 2000 });
  await h.close();
});

describe(`pg-boss workers on ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`, () => {
  it("runs a queued cleanup job against the same database", async () => {
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 600_000);
    await h.db.insert(verificationTokens).values([
      { identifier: "old@example.com", token: "expired-token", expires: past },
      { identifier: "new@example.com", token: "fresh-token", expires: future },
    ]);
    const jobId = await boss.send("maintenance.cleanup", {});
    expect(jobId).toBeTruthy();

    const deadline = Date.now() + 20_000;
    let job = await boss.getJobById("maintenance.cleanup", jobId!);
    while (job?.state !== "completed" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      job = await boss.getJobById("maintenance.cleanup", jobId!);
    }
    expect(job?.state).toBe("completed");
    const left = await h.db.select().from(verificationTokens);
    expect(left.map((t) => t.token)).toEqual(["fresh-token"]);
    expect(await h.db.select().from(verificationTokens).where(eq(verificationTokens.token, "expired-token"))).toHaveLength(0);
  });
});
