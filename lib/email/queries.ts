import { and, desc, eq, lt, or } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { outboundMail } from "@/lib/db/schema";

export async function findMail(db: Db, id: string) {
  const [row] = await db.select().from(outboundMail).where(eq(outboundMail.id, id)).limit(1);
  return row ?? null;
}

/** Newest mail first across all workspaces (the dev mailbox is a development tool, not tenant data). */
export async function listRecentMail(db: Db, p: { limit?: number; before?: { createdAt: Date; id: string } } = {}) {
  const limit = Math.min(p.limit ?? 50, 200);
  return db
    .select({
      id: outboundMail.id,
      kind: outboundMail.kind,
      to: outboundMail.to,
      subject: outboundMail.subject,
      status: outboundMail.status,
      transport: outboundMail.transport,
      createdAt: outboundMail.createdAt,
    })
    .from(outboundMail)
    .where(
      p.before
        ? or(lt(outboundMail.createdAt, p.before.createdAt), and(eq(outboundMail.createdAt, p.before.createdAt), lt(outboundMail.id, p.before.id)))
        : undefined,
    )
    .orderBy(desc(outboundMail.createdAt), desc(outboundMail.id))
    .limit(limit);
}
