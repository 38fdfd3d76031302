import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { Rule } from "@/lib/rules/schema";
import type { BundleConstraints, BundleRule } from "@/lib/bundles/schemas";
import type { FlowStep } from "@/lib/onboarding/schemas";
import type { PersonaDefaults } from "@/lib/preferences/service";
import { workspaces } from "./workspaces";
import { profiles } from "./profiles";

/** Where a person stands with the brand; events only move a profile forward, the API may set any stage. */
export const lifecycleStages = ["awareness", "consideration", "decision", "onboarding", "retention"] as const;
export type LifecycleStage = (typeof lifecycleStages)[number];

/** A profile's current stage. No row = `awareness`. */
export const profileStages = pgTable(
  "profile_stages",
  {
    profileId: text()
      .primaryKey()
      .references(() => profiles.id, { onDelete: "cascade" }),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    stage: text().$type<LifecycleStage>().notNull(),
    // What moved it there: "api", "admin", "quiz:routine", "onboarding:engineer".
    source: text().notNull(),
    changedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.workspaceId, t.stage, t.profileId)],
);

/** Every stage change, oldest first per profile. */
export const stageHistory = pgTable(
  "stage_history",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    profileId: text()
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    fromStage: text().$type<LifecycleStage>(),
    toStage: text().$type<LifecycleStage>().notNull(),
    source: text().notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.workspaceId, t.profileId, t.recordedAt)],
);

export type ProductAttributes = Record<string, string | number | boolean | string[]>;

/** The catalog bundles pick from. */
export const products = pgTable(
  "products",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    sku: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    // Exact decimal in the currency's major unit ("24.50").
    price: numeric({ precision: 12, scale: 2, mode: "number" }).notNull(),
    currency: text().notNull(),
    imageUrl: text(),
    productUrl: text(),
    // "One per category" in bundles reads this.
    category: text(),
    attributes: jsonb().$type<ProductAttributes>().notNull().default({}),
    inStock: boolean().notNull().default(true),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.workspaceId, t.sku)],
);

/** Rules that add or score catalog products, ranked under constraints, with a generic fallback. */
export const bundles = pgTable(
  "bundles",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    key: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    // Who the bundle is for; null = everyone. The first live bundle whose audience holds is used.
    audience: jsonb().$type<Rule>(),
    // Shown on this quiz's result only; null = any quiz and the API.
    quizSlug: text(),
    rules: jsonb().$type<BundleRule[]>().notNull().default([]),
    constraints: jsonb().$type<BundleConstraints>().notNull(),
    // The generic picks, shown when consent hides the traits the rules need or nothing matched.
    fallbackSkus: jsonb().$type<string[]>().notNull().default([]),
    position: integer().notNull().default(0),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.workspaceId, t.key)],
);

/** Steps for a persona, chosen by an audience rule; can set that persona's default preferences. */
export const onboardingFlows = pgTable(
  "onboarding_flows",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    key: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    audience: jsonb().$type<Rule>(),
    // The flow for everyone the rules cannot place (or whose traits consent hides).
    generic: boolean().notNull().default(false),
    steps: jsonb().$type<FlowStep[]>().notNull().default([]),
    defaults: jsonb().$type<PersonaDefaults>().notNull().default({}),
    // No progress for this many days emits `onboarding.stalled` once per idle stretch.
    stallAfterDays: integer().notNull().default(7),
    position: integer().notNull().default(0),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.workspaceId, t.key)],
);

export const stepCompleters = ["person", "api", "event", "admin"] as const;
export type StepCompleter = (typeof stepCompleters)[number];
export type CompletedSteps = Record<string, { at: string; by: StepCompleter }>;

/** A profile's progress through a flow. The newest assignment is the profile's current flow. */
export const onboardingAssignments = pgTable(
  "onboarding_assignments",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    profileId: text()
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    flowId: text()
      .notNull()
      .references(() => onboardingFlows.id, { onDelete: "cascade" }),
    source: text().notNull(),
    completedSteps: jsonb().$type<CompletedSteps>().notNull().default({}),
    // Event types the open event-completed steps wait for (the events trigger reads it).
    waitingEvents: text().array().notNull().default(sql`'{}'::text[]`),
    assignedAt: timestamp({ withTimezone: true }).notNull(),
    lastProgressAt: timestamp({ withTimezone: true }).notNull(),
    completedAt: timestamp({ withTimezone: true }),
    // Set when `onboarding.stalled` was emitted for the current idle stretch; progress clears it.
    stalledAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex().on(t.profileId, t.flowId),
    index().on(t.workspaceId, t.profileId, t.assignedAt),
    index("onboarding_assignments_open").on(t.lastProgressAt).where(sql`completed_at is null and stalled_at is null`),
  ],
);

/** Events that may complete a step, queued by a trigger in the event's own transaction. */
export const onboardingInbox = pgTable("onboarding_inbox", {
  eventId: text().primaryKey(),
  workspaceId: text()
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A named rule: a live audience. */
export const segments = pgTable(
  "segments",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text().notNull().default(""),
    rule: jsonb().$type<Rule>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.workspaceId, t.name)],
);

export type ProfileStage = typeof profileStages.$inferSelect;
export type StageHistoryRow = typeof stageHistory.$inferSelect;
export type Product = typeof products.$inferSelect;
export type Bundle = typeof bundles.$inferSelect;
export type OnboardingFlow = typeof onboardingFlows.$inferSelect;
export type OnboardingAssignment = typeof onboardingAssignments.$inferSelect;
export type Segment = typeof segments.$inferSelect;
