import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { outboundMail, quizResponses, workspaces, type Workspace } from "@/lib/db/schema";
import { ManualClock } from "@/lib/core/clock";
import { createWorkspace } from "@/lib/workspaces/service";
import { cliActor } from "@/lib/audit/service";
import { identifyProfile, upsertProfile } from "@/lib/profiles/service";
import { ensureDemoQuiz } from "./seed";
import { resolvePublicQuiz, startRun } from "./runs";
import { CLAIM_MAILS_PER_HOUR, CLAIM_TTL_SECONDS, claimToken, readClaim, sendClaimMail } from "./claim";

let h: DbHandle;
let ws: Workspace;
let responseId: string;
let ownerId: string;
const ctx = { actor: cliActor, source: { kind: "api" as const } };

beforeAll(async () => {
  h = await createTestDb();
  const created = await createWorkspace(h.db, { name: "Glow", slug: "glow-claim" }, cliActor);
  await ensureDemoQuiz(h.db, created.id, "glow");
  [ws] = (await h.db.select().from(workspaces).where(eq(workspaces.id, created.id))) as [Workspace];
  const quiz = await resolvePublicQuiz(h.db, { workspaceSlug: "glow-claim", quizSlug: "routine" });
  await startRun(h.db, { workspaceId: ws.id, quizId: quiz.quiz.id, versionId: quiz.version.id, definition: quiz.version.definition, locale: "en", hidden: {}, context: { channel: "hosted" } });
  const [row] = await h.db.select().from(quizResponses).where(eq(quizResponses.workspaceId, ws.id));
  responseId = row!.id;
  const anon = (await identifyProfile(h.db, ws.id, { anonymousId: responseId, locale: "en" }, ctx)).profile;
  await h.db.update(quizResponses).set({ profileId: anon.id }).where(eq(quizResponses.id, responseId));
  ownerId = (await upsertProfile(h.db, ws.id, { email: "owner@example.com" }, ctx)).profile.id;
});
afterAll(async () => {
  await h.close();
});

describe("quiz claim links", () => {
  it("expire after seven days and cannot be altered to name another profile", async () => {
    const clock = new ManualClock("2026-05-01T00:00:00Z");
    const token = claimToken(ws.linkSecret, responseId, ownerId, clock.now());
    expect((await readClaim(h.db, ws, token, clock)).status).toBe("ready");
    const other = (await upsertProfile(h.db, ws.id, { email: "victim@example.com" }, ctx)).profile.id;
    expect((await readClaim(h.db, ws, token.replace(ownerId, other), clock)).status).toBe("invalid");
    clock.advance(CLAIM_TTL_SECONDS * 1000 + 1000);
    expect((await readClaim(h.db, ws, token, clock)).status).toBe("invalid");
  });

  it("mail one address at most a few times an hour, however often its email is typed into the quiz", async () => {
    const clock = new ManualClock("2026-05-02T00:00:00Z");
    const send = () => sendClaimMail(h.db, { workspace: ws, quizSlug: "routine", quizTitle: "Find your routine", responseId, intoProfileId: ownerId, email: "owner@example.com", locale: "en" }, clock);
    for (let i = 0; i < CLAIM_MAILS_PER_HOUR + 2; i++) await send();
    const mails = () => h.db.select().from(outboundMail).where(and(eq(outboundMail.workspaceId, ws.id), eq(outboundMail.kind, "quiz.claim")));
    expect(await mails()).toHaveLength(CLAIM_MAILS_PER_HOUR);
    clock.advance(3600_000 + 1000);
    await send();
    expect(await mails()).toHaveLength(CLAIM_MAILS_PER_HOUR + 1);
  });
});
