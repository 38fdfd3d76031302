import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { conversions } from "@/lib/db/schema";
import { createWorkspace } from "@/lib/workspaces/service";
import { cliActor } from "@/lib/audit/service";
import { identifyProfile, upsertProfile } from "@/lib/profiles/service";
import { mergeAnonymousInto } from "@/lib/profiles/merge";
import { exportProfile } from "@/lib/profiles/export";
import { eraseProfile } from "@/lib/profiles/erasure";
import { recordConversion } from "./service";

let h: DbHandle;
let ws: string;
const ctx = { actor: cliActor, source: { kind: "api" as const } };

beforeAll(async () => {
  h = await createTestDb();
  ws = (await createWorkspace(h.db, { name: "Shop", slug: "shop-conv-hooks" }, cliActor)).id;
});
afterAll(async () => {
  await h.close();
});

describe("conversions follow their person", () => {
  it("move on merge, appear in the export, and lose their order key and SKUs on erasure while the amount stays", async () => {
    const { profile: anon } = await identifyProfile(h.db, ws, { anonymousId: "visitor-0000000001" }, ctx);
    const { profile: known } = await upsertProfile(h.db, ws, { email: "buyer@example.com" }, ctx);
    await recordConversion(h.db, ws, anon.id, { value: 42.5, currency: "EUR", skus: ["SKU-1"], idempotencyKey: "order-77" });
    await h.db.transaction((tx) => mergeAnonymousInto(tx, ws, anon.id, known.id, new Date()));

    const exported = (await exportProfile(h.db, ws, known.id)) as unknown as { conversions: { conversions: { value: number; orderKey: string | null; skus: string[] }[] } };
    expect(exported.conversions.conversions).toEqual([expect.objectContaining({ value: 42.5, currency: "EUR", skus: ["SKU-1"], orderKey: "order-77" })]);

    await eraseProfile(h.db, ws, known.id, cliActor);
    const rows = await h.db.select().from(conversions).where(and(eq(conversions.workspaceId, ws), eq(conversions.profileId, known.id)));
    expect(rows.map((r) => [Number(r.value), r.currency, r.skus, r.idempotencyKey])).toEqual([[42.5, "EUR", [], null]]);
  });
});
