import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PgBoss } from "pg-boss";
import type { DbHandle } from "@/lib/db/client";
import { ManualClock } from "@/lib/core/clock";
import { cliActor } from "@/lib/audit/service";
import { createBoss } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/worker";
import { createWorkspace } from "@/lib/workspaces/service";
import { upsertProfile } from "@/lib/profiles/service";
import { listConsentRecords } from "@/lib/consent/ledger";
import { listEvents } from "@/lib/events/service";
import { createTestDb } from "@/tests/helpers/db";
import { createTopic } from "./topics";
import { getPreferences, updatePreferences, type ChangeSource } from "./service";

let h: DbHandle;
let boss: PgBoss;
let ws: string;
const person: ChangeSource = { origin: "person", source: "preference_center", consent: { method: "checkbox", actor: { type: "subject" } } };

beforeAll(async () => {
  h = await createTestDb();
  boss = await createBoss(h, { supervise: false, schedule: false });
  await startWorkers(boss, h.db, { pollingIntervalSeconds: 0.5 });
  ws = (await createWorkspace(h.db, { name: "Glow", slug: "glow-doi-jobs" }, cliActor)).id;
  await createTopic(h.db, ws, { key: "routine-tips", name: "Routine tips", channels: ["email"], frequencies: ["weekly"], defaultFrequency: "weekly", doubleOptIn: true }, cliActor);
});
afterAll(async () => {
  await boss.stop({ graceful: false, timeout: 2000 });
  await h.close();
});

describe(`double opt-in expiry job on ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`, () => {
  it("lets unconfirmed requests lapse after their window and leaves fresh ones pending", async () => {
    const noMail = { sendConfirmations: async () => {} };
    const subscribe = { topics: { "routine-tips": { email: { status: "subscribed" as const } } } };
    const stale = (await upsertProfile(h.db, ws, { email: "stale@example.com" }, { actor: cliActor, source: { kind: "api" } })).profile.id;
    const fresh = (await upsertProfile(h.db, ws, { email: "fresh@example.com" }, { actor: cliActor, source: { kind: "api" } })).profile.id;
    await updatePreferences(h.db, ws, stale, subscribe, person, { ...noMail, clock: new ManualClock(new Date(Date.now() - 8 * 86_400_000)) });
    await updatePreferences(h.db, ws, fresh, subscribe, person, noMail);

    const jobId = await boss.send("preferences.expire_pending", {});
    const deadline = Date.now() + 20_000;
    let job = await boss.getJobById("preferences.expire_pending", jobId!);
    while (job?.state !== "completed" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      job = await boss.getJobById("preferences.expire_pending", jobId!);
    }
    expect(job?.state).toBe("completed");
    expect((await getPreferences(h.db, ws, stale)).topics[0]!.channels.email!.status).toBe("unsubscribed");
    expect((await getPreferences(h.db, ws, fresh)).topics[0]!.channels.email!.status).toBe("pending");
    const [lapsed] = await listEvents(h.db, { workspaceId: ws, subjectId: stale, type: "preferences.updated" });
    expect(lapsed!.data).toMatchObject({
      source: "double_opt_in_expired",
      before: { topics: { "routine-tips": { email: { status: "pending" } } } },
      after: { topics: { "routine-tips": { email: { status: "unsubscribed" } } } },
    });
    // Consent was never given, so there is nothing to withdraw in the ledger.
    expect(await listConsentRecords(h.db, ws, stale)).toHaveLength(0);
  });
});
