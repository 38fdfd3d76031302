import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { cliActor } from "@/lib/audit/service";
import { createWorkspace } from "@/lib/workspaces/service";
import { listTraitDefinitions } from "@/lib/traits/service";
import { verifyChain } from "@/lib/consent/verify";
import { listProfiles, getProfile } from "./service";
import { seedAudienceDemo } from "./demo";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

describe("seedAudienceDemo", () => {
  it("defines the demo vocabulary with purposes and a few demo people, and can run again", async () => {
    const glow = await createWorkspace(h.db, { name: "Glow", slug: "glow" }, cliActor);
    await seedAudienceDemo(h.db, glow, "glow");
    await seedAudienceDemo(h.db, glow, "glow");
    const defs = await listTraitDefinitions(h.db, glow.id);
    expect(defs.map((d) => [d.key, d.type, d.purpose])).toEqual([
      ["budget", "string", "personalization"],
      ["concerns", "string_list", "personalization"],
      ["sensitive", "boolean", "personalization"],
      ["skin_type", "string", "personalization"],
    ]);
    const { data } = await listProfiles(h.db, glow.id, {});
    expect(data).toHaveLength(3);
    const ines = await getProfile(h.db, glow.id, data.find((p) => p.email === "ines.demo@example.com")!.id);
    expect(ines.consents.sharing).toMatchObject({ granted: false, gpc: true });
    expect(ines.traits).toMatchObject({ skin_type: "combination" });
    expect(await verifyChain(h.db, glow.id)).toMatchObject({ ok: true, records: 7 });

    const acme = await createWorkspace(h.db, { name: "Acme", slug: "acme" }, cliActor);
    await seedAudienceDemo(h.db, acme, "acme");
    expect((await listTraitDefinitions(h.db, acme.id)).map((d) => d.key)).toEqual(["goal", "role", "team_size"]);
  });
});
