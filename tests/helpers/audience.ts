import { sql } from "drizzle-orm";
import type { Db, DbHandle } from "@/lib/db/client";
import { cliActor } from "@/lib/audit/service";
import { executeRows } from "@/lib/db/rows";
import { createWorkspace } from "@/lib/workspaces/service";
import { createTraitDefinition } from "@/lib/traits/service";
import { upsertProfile } from "@/lib/profiles/service";

/** A workspace with the default purposes and a small trait vocabulary (skin_type, concerns, sensitive, age). */
export async function workspaceWithTraits(db: Db, slug: string) {
  const ws = await createWorkspace(db, { name: slug, slug }, cliActor);
  await createTraitDefinition(
    db,
    ws.id,
    {
      key: "skin_type",
      label: "Skin type",
      type: "string",
      allowedValues: ["dry", "oily", "combination", "normal"].map((v) => ({ value: v, label: v })),
    },
    cliActor,
  );
  await createTraitDefinition(
    db,
    ws.id,
    { key: "concerns", label: "Concerns", type: "string_list", allowedValues: ["acne", "aging", "redness"].map((v) => ({ value: v, label: v })) },
    cliActor,
  );
  await createTraitDefinition(db, ws.id, { key: "sensitive", label: "Sensitive", type: "boolean" }, cliActor);
  await createTraitDefinition(db, ws.id, { key: "age", label: "Age", type: "number", purpose: "analytics" }, cliActor);
  return ws;
}

export const apiCtx = { actor: { type: "api_key" as const, id: "key_test" }, source: { kind: "api" as const, ref: "key_test" } };

export async function newProfile(db: Db, workspaceId: string, email: string, extra: { externalId?: string; traits?: Record<string, unknown> } = {}) {
  return (await upsertProfile(db, workspaceId, { email, ...extra }, apiCtx)).profile;
}

/** Run SQL that bypasses the ledger trigger, the way a superuser tampering with the table could. */
export async function asTamperer(h: DbHandle, statement: ReturnType<typeof sql>) {
  await h.db.execute(sql`alter table consent_records disable trigger consent_records_append_only`);
  try {
    await h.db.execute(statement);
  } finally {
    await h.db.execute(sql`alter table consent_records enable trigger consent_records_append_only`);
  }
}

/** Every (table, column) of text, varchar or jsonb type in user schemas whose value contains `needle`. */
export async function columnsContaining(db: Db, needle: string): Promise<string[]> {
  const cols = await executeRows<{ table_schema: string; table_name: string; column_name: string; data_type: string }>(
    db,
    sql`select table_schema, table_name, column_name, data_type from information_schema.columns
        where table_schema not in ('pg_catalog', 'information_schema') and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
  );
  const hits: string[] = [];
  for (const c of cols) {
    const ident = sql.raw(`"${c.table_schema}"."${c.table_name}"`);
    const col = sql.raw(`"${c.column_name}"`);
    const [row] = await executeRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${ident} where position(lower(${needle}) in lower(${col}::text)) > 0`,
    );
    if ((row?.n ?? 0) > 0) hits.push(`${c.table_schema}.${c.table_name}.${c.column_name}`);
  }
  return hits;
}
