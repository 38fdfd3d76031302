import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import { apiCtx, newProfile, workspaceWithTraits } from "@/tests/helpers/audience";
import type { DbHandle } from "@/lib/db/client";
import { importJobs, type Workspace } from "@/lib/db/schema";
import { cliActor } from "@/lib/audit/service";
import { honourGpc } from "@/lib/consent/gpc";
import { listConsentRecords } from "@/lib/consent/ledger";
import { verifyChain } from "@/lib/consent/verify";
import { getTraits } from "@/lib/traits/service";
import { getProfile, listProfiles, upsertProfile } from "../service";
import { eraseProfile } from "../erasure";
import { createImportJob, getImportJob, listImportIssues, runImportJob } from "./service";

let h: DbHandle;
let ws: Workspace;
beforeAll(async () => {
  h = await createTestDb();
  ws = await workspaceWithTraits(h.db, "import");
});
afterAll(async () => {
  await h.close();
});

const byEmail = async (email: string) => (await listProfiles(h.db, ws.id, { q: email })).data.find((p) => p.email === email);

describe("CSV import", () => {
  it("refuses a file with an unknown column before storing anything", async () => {
    await expect(createImportJob(h.db, ws.id, { fileName: "bad.csv", csv: "email,shoe_size\na@example.com,42\n" }, cliActor)).rejects.toMatchObject({
      code: "validation_failed",
      fields: [{ path: "columns.2" }],
    });
    await expect(createImportJob(h.db, ws.id, { fileName: "none.csv", csv: "skin_type\ndry\n" }, cliActor)).rejects.toMatchObject({ code: "validation_failed" });
    await expect(createImportJob(h.db, ws.id, { fileName: "empty.csv", csv: "email\n" }, cliActor)).rejects.toMatchObject({ code: "validation_failed" });
    expect(await h.db.select().from(importJobs).where(eq(importJobs.workspaceId, ws.id))).toHaveLength(0);
  });

  it("imports row by row with a report, never half a row, and flags suppressed emails", async () => {
    const erased = await newProfile(h.db, ws.id, "erased@example.com");
    await eraseProfile(h.db, ws.id, erased.id, cliActor);
    const gpc = await newProfile(h.db, ws.id, "gpc@example.com");
    await honourGpc(h.db, ws.id, gpc.id, { collectionPoint: "preference_center" });

    const csv = [
      "email,external_id,skin_type,concerns,sensitive,consent.marketing,consent.sharing",
      "Ann@Example.com,ann-1,dry,acne;redness,yes,grant,",
      "not-an-email,,oily,,,,",
      "",
      "bob@example.com,,scaly,,,grant,",
      "erased@example.com,,oily,,,grant,",
      "gpc@example.com,,oily,,,,grant",
      "cy@example.com,,normal,,no,withdraw,",
    ].join("\n");
    const job = await createImportJob(h.db, ws.id, { fileName: "people.csv", csv }, cliActor);
    expect(job).toMatchObject({ status: "queued", totalRows: 7 });
    const done = await runImportJob(h.db, job.id);
    expect(done).toMatchObject({ status: "completed", processedRows: 7, importedRows: 2, flaggedRows: 1, errorRows: 3, csv: null });

    const issues = await listImportIssues(h.db, ws.id, job.id);
    expect(issues.map((i) => [i.row, i.status])).toEqual([
      [3, "error"],
      [5, "error"],
      [6, "flagged"],
      [7, "error"],
    ]);
    expect(issues[0]!.messages).toEqual(["email: not a valid email address"]);
    expect(issues.flatMap((i) => i.messages).join(" ")).not.toContain("erased@example.com");

    const ann = await getProfile(h.db, ws.id, (await byEmail("ann@example.com"))!.id);
    expect(ann).toMatchObject({ externalId: "ann-1", traits: { skin_type: "dry", concerns: ["acne", "redness"], sensitive: true }, consents: { marketing: { granted: true, method: "import" } } });
    expect((await getTraits(h.db, ws.id, ann.id))[0]?.source).toEqual({ kind: "import", ref: job.id });
    expect(await byEmail("bob@example.com")).toBeUndefined();
    expect(await byEmail("erased@example.com")).toBeUndefined();
    // The GPC row failed on its sharing grant after the profile update: none of it stayed.
    expect((await getProfile(h.db, ws.id, gpc.id)).traits).toEqual({});
    expect((await listConsentRecords(h.db, ws.id, gpc.id)).map((r) => r.method)).toEqual(["gpc"]);
    expect((await getProfile(h.db, ws.id, (await byEmail("cy@example.com"))!.id)).consents.marketing?.granted).toBe(false);
    expect(await verifyChain(h.db, ws.id)).toMatchObject({ ok: true });
  });

  it("resumes after the last committed row, and its report belongs to its workspace", async () => {
    const job = await createImportJob(h.db, ws.id, { fileName: "resume.csv", csv: "email,skin_type\nr1@example.com,dry\nr2@example.com,oily\nr3@example.com,normal\n" }, cliActor);
    // As if a worker died after committing the first row.
    await upsertProfile(h.db, ws.id, { email: "r1@example.com", traits: { skin_type: "dry" } }, apiCtx);
    await h.db.update(importJobs).set({ status: "running", processedRows: 1, importedRows: 1 }).where(eq(importJobs.id, job.id));
    const done = await runImportJob(h.db, job.id);
    expect(done).toMatchObject({ processedRows: 3, importedRows: 3 });
    expect((await byEmail("r3@example.com"))?.email).toBe("r3@example.com");
    const other = await workspaceWithTraits(h.db, "import-other");
    await expect(getImportJob(h.db, other.id, job.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await listImportIssues(h.db, other.id, job.id)).toEqual([]);
  });

  it("blanks an erased person's line in a file still waiting to be imported", async () => {
    const p = await newProfile(h.db, ws.id, "waiting@example.com");
    const job = await createImportJob(h.db, ws.id, { fileName: "later.csv", csv: "email,skin_type\nwaiting@example.com,dry\nkeep@example.com,oily\n" }, cliActor);
    await eraseProfile(h.db, ws.id, p.id, cliActor);
    const [stored] = await h.db.select().from(importJobs).where(eq(importJobs.id, job.id));
    expect(stored!.csv).not.toContain("waiting@example.com");
    const done = await runImportJob(h.db, job.id);
    expect(done).toMatchObject({ processedRows: 2, importedRows: 1, errorRows: 0 });
    expect(await byEmail("waiting@example.com")).toBeUndefined();
  });
});
