import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

export const mailTransports = ["smtp", "dev"] as const;
export type MailTransport = (typeof mailTransports)[number];

// queued → sent (smtp accepted it) | stored (dev mailbox) | failed (error says why; the job may retry).
export const mailStatuses = ["queued", "sent", "stored", "failed"] as const;
export type MailStatus = (typeof mailStatuses)[number];

/**
 * Every mail Candor sends or would send. Kept so the dev mailbox can show it and support can
 * answer "did the link go out?"; erasure scrubs rows by workspace and profile, so both links stay.
 */
export const outboundMail = pgTable(
  "outbound_mail",
  {
    id: text().primaryKey(),
    workspaceId: text().references(() => workspaces.id, { onDelete: "cascade" }),
    // The end-user profile the mail is about (preference links, double opt-in), for erasure.
    profileId: text(),
    // What kind of mail this is ("auth.magic_link", "member.invitation"), for filtering and metrics.
    kind: text().notNull(),
    to: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text().notNull(),
    transport: text().$type<MailTransport>().notNull(),
    status: text().$type<MailStatus>().notNull(),
    error: text(),
    // The SMTP server's message id, when it gave one.
    providerMessageId: text(),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.createdAt), index().on(t.workspaceId, t.createdAt), index().on(t.profileId), index().on(t.to)],
);

export type OutboundMail = typeof outboundMail.$inferSelect;
