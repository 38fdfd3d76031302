import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
import { auditLog, events, outboundMail } from "@/lib/db/schema";
import type { ProfileDataHooks } from "./data-hooks";

const ERASED_MAIL = "";

/** The foundation's own tables that mention profiles: events, outbound mail and the audit log. */
export const coreProfileHooks: ProfileDataHooks = {
  name: "messages",

  async merge(tx, p) {
    await tx
      .update(events)
      .set({ subjectId: p.intoProfileId })
      .where(and(eq(events.workspaceId, p.workspaceId), eq(events.subjectId, p.fromProfileId)));
    await tx
      .update(outboundMail)
      .set({ profileId: p.intoProfileId })
      .where(and(eq(outboundMail.workspaceId, p.workspaceId), eq(outboundMail.profileId, p.fromProfileId)));
  },

  async erase(tx, s) {
    const ids = s.profileIds;
    const email = s.email;
    // Events keep their type and time (webhook history still adds up) but lose every payload.
    await tx
      .update(events)
      .set({ data: sql`jsonb_build_object('profileId', ${events.subjectId}, 'redacted', true)` })
      .where(
        and(
          eq(events.workspaceId, s.workspaceId),
          or(
            inArray(events.subjectId, ids),
            sql`${events.data}->>'profileId' in ${ids}`,
            email ? sql`position(${email} in lower(${events.data}::text)) > 0` : undefined,
          ),
        ),
      );
    await tx
      .update(outboundMail)
      .set({ to: ERASED_MAIL, subject: "[erased]", text: "", html: "", error: null })
      .where(
        and(
          eq(outboundMail.workspaceId, s.workspaceId),
          or(inArray(outboundMail.profileId, ids), email ? sql`position(${email} in lower(${outboundMail.to})) > 0` : undefined),
        ),
      );
    await tx
      .update(auditLog)
      .set({ before: null, after: null })
      .where(
        and(
          eq(auditLog.workspaceId, s.workspaceId),
          or(
            inArray(auditLog.targetId, ids),
            email ? sql`position(${email} in lower(coalesce(${auditLog.before}::text, '') || coalesce(${auditLog.after}::text, ''))) > 0` : undefined,
          ),
        ),
      );
  },

  async export(db, p) {
    return db
      .select({
        id: outboundMail.id,
        kind: outboundMail.kind,
        to: outboundMail.to,
        subject: outboundMail.subject,
        status: outboundMail.status,
        sentAt: outboundMail.sentAt,
        createdAt: outboundMail.createdAt,
      })
      .from(outboundMail)
      .where(and(eq(outboundMail.workspaceId, p.workspaceId), eq(outboundMail.profileId, p.profileId)))
      .orderBy(desc(outboundMail.createdAt));
  },

  async timeline(db, p) {
    const rows = await db
      .select()
      .from(events)
      .where(and(eq(events.workspaceId, p.workspaceId), eq(events.subjectId, p.profileId)))
      .orderBy(desc(events.seq))
      .limit(p.limit);
    return rows.map((e) => ({ at: e.createdAt, kind: "event", title: e.type, ref: e.id }));
  },
};
