import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const memberRoles = ["owner", "admin", "editor", "viewer"] as const;
export type MemberRole = (typeof memberRoles)[number];

/** Per-workspace settings that are not worth their own column. */
export interface WorkspaceSettings {
  brandColor?: string;
  logoUrl?: string;
  defaultLocale?: string;
  locales?: string[];
  allowedOrigins?: string[];
}

export const workspaces = pgTable("workspaces", {
  id: text().primaryKey(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  settings: jsonb().$type<WorkspaceSettings>().notNull().default({}),
  // Signs preference-center and unsubscribe links; rotating it revokes every link.
  linkSecret: text().notNull(),
  // HMAC key for `userHash` = HMAC(identitySecret, externalId) sent by a brand's browser code.
  identitySecret: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const members = pgTable(
  "members",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text().$type<MemberRole>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.workspaceId, t.userId), index().on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    email: text().notNull(),
    role: text().$type<MemberRole>().notNull(),
    tokenHash: text().notNull().unique(),
    invitedBy: text().references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId), index().on(t.email)],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text().notNull(),
    // Visible start of the key ("cnd_live_ab12") so people can tell keys apart; the rest is only hashed.
    prefix: text().notNull(),
    hash: text().notNull().unique(),
    scopes: text().array().notNull().default(sql`'{}'::text[]`),
    createdBy: text(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId)],
);

/** Who did what, when, with the before → after of the change; written in the action's transaction. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    actorType: text().$type<"user" | "api_key" | "system" | "cli">().notNull(),
    actorId: text(),
    actorLabel: text(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    before: jsonb(),
    after: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId, t.createdAt), index().on(t.workspaceId, t.action)],
);

export type Workspace = typeof workspaces.$inferSelect;
export type Member = typeof members.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
