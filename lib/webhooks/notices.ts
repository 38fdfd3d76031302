import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { members, users, workspaces } from "@/lib/db/schema";
import { env } from "@/lib/core/env";
import { renderEmail } from "@/lib/email/render";

/** Something the workspace owners must hear about: a delivery gave up, or an endpoint was switched off. */
export type WebhookNotice =
  | { kind: "delivery_failed"; workspaceId: string; endpointId: string; url: string; deliveryId: string; eventType: string; attempts: number; lastError: string }
  | { kind: "endpoint_disabled"; workspaceId: string; endpointId: string; url: string; reason: string };

export type WebhookNotifier = (db: Db, notice: WebhookNotice) => Promise<void>;

async function ownersOf(db: Db, workspaceId: string) {
  return db
    .select({ email: users.email, slug: workspaces.slug, name: workspaces.name })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(and(eq(members.workspaceId, workspaceId), eq(members.role, "owner"), isNotNull(users.email)));
}

/** Email every owner of the workspace (through the mail service: SMTP, or the dev mailbox). */
export const emailOwners: WebhookNotifier = async (db, notice) => {
  const owners = await ownersOf(db, notice.workspaceId);
  if (owners.length === 0) return;
  const { sendMail } = await import("@/lib/email/service");
  const ws = owners[0]!;
  const link = `${env().APP_URL}/w/${ws.slug}/integrations/webhooks/${notice.endpointId}`;
  const content =
    notice.kind === "delivery_failed"
      ? renderEmail({
          subject: `Webhook delivery failed: ${notice.eventType} to ${new URL(notice.url).host}`,
          preheader: `Candor gave up after ${notice.attempts} attempts.`,
          heading: "A webhook could not be delivered",
          blocks: [
            { kind: "paragraph", text: `Candor tried ${notice.attempts} times over about three days to send a ${notice.eventType} event from ${ws.name} to ${notice.url}, and every attempt failed.` },
            { kind: "note", text: `Last error: ${notice.lastError}` },
            { kind: "paragraph", text: "Once the receiver works again, replay the failed deliveries from the delivery log." },
            { kind: "button", label: "Open the delivery log", url: link },
          ],
          footer: "You get this as an owner of the workspace, at most once a day per endpoint.",
        })
      : renderEmail({
          subject: `Webhook endpoint disabled: ${new URL(notice.url).host}`,
          preheader: notice.reason,
          heading: "A webhook endpoint was disabled",
          blocks: [
            { kind: "paragraph", text: `Candor stopped sending webhooks from ${ws.name} to ${notice.url}.` },
            { kind: "note", text: `Reason: ${notice.reason}` },
            { kind: "paragraph", text: "Fix the receiver, enable the endpoint again and replay what failed meanwhile." },
            { kind: "button", label: "Open the endpoint", url: link },
          ],
          footer: "You get this as an owner of the workspace.",
        });
  for (const owner of owners) {
    await sendMail(db, { kind: `webhook.${notice.kind}`, to: owner.email!, workspaceId: notice.workspaceId, ...content });
  }
};
