import { cliActor } from "@/lib/audit/service";
import { createApiKey } from "@/lib/auth/api-keys";
import type { Db } from "@/lib/db/client";
import { seedDemo } from "@/lib/seed/demo";

export interface Tenant {
  id: string;
  slug: "glow" | "acme";
  /** A key with every scope. */
  key: string;
}

/** The two demo workspaces, each with an all-scopes API key: the two sides of every boundary test. */
export async function seedTenants(db: Db): Promise<{ glow: Tenant; acme: Tenant }> {
  const { workspaces } = await seedDemo(db);
  const tenant = async (slug: "glow" | "acme"): Promise<Tenant> => {
    const ws = workspaces[slug];
    const { plaintext } = await createApiKey(db, { workspaceId: ws.id, name: "reliability", scopes: ["*"] }, cliActor);
    return { id: ws.id, slug, key: plaintext };
  };
  return { glow: await tenant("glow"), acme: await tenant("acme") };
}
