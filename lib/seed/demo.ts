import "server-only";
import type { Db } from "@/lib/db/client";
import type { Workspace } from "@/lib/db/schema";
import type { MemberRole } from "@/lib/db/schema/workspaces";
import { systemActor } from "@/lib/audit/service";
import { AppError } from "@/lib/core/errors";
import { addMember, createWorkspace, ensureUser, requireWorkspaceBySlug } from "@/lib/workspaces/service";
import { seedAudienceDemo } from "@/lib/profiles/demo";
import { seedDemoQuizzes } from "@/lib/quizzes/seed";
import { seedPersonalizationDemo } from "@/lib/personalization/demo";
import { seedPreferencesDemo } from "@/lib/preferences/demo";
import { seedAnalyticsDemo } from "@/lib/analytics/demo";

/** The demo workspaces every seeder can build on, by slug. */
export interface DemoContext {
  db: Db;
  workspaces: { glow: Workspace; acme: Workspace };
}

/** One domain's part of the demo. Each must be idempotent: the seed may run again on the same data. */
export type DemoSeeder = (ctx: DemoContext) => Promise<void>;

const demoWorkspaces = {
  glow: { name: "Glow Skincare", admin: "admin@glow.test" },
  acme: { name: "Acme Analytics", admin: "admin@acme.test" },
} as const;

// Signs in to both workspaces from the dev mailbox, so a newcomer sees everything with one address.
export const DEMO_OWNER_EMAIL = "demo@candor.test";

/**
 * Later features add their part here (topics, quizzes, catalogs, flows…), after the workspaces
 * exist and in the order they depend on each other.
 */
const seeders: DemoSeeder[] = [
  async ({ db, workspaces }) => {
    await seedAudienceDemo(db, workspaces.glow, "glow");
    await seedAudienceDemo(db, workspaces.acme, "acme");
  },
  // Topics before quizzes: onboarding personas set default preferences on them.
  async ({ db, workspaces }) => {
    await seedPreferencesDemo(db, workspaces.glow, "glow");
    await seedPreferencesDemo(db, workspaces.acme, "acme");
  },
  seedDemoQuizzes,
  // After quizzes (their traits) and topics (persona defaults name them).
  seedPersonalizationDemo,
];

async function ensureWorkspace(db: Db, slug: keyof typeof demoWorkspaces, ownerId: string): Promise<Workspace> {
  try {
    return await requireWorkspaceBySlug(db, slug);
  } catch (err) {
    if (!(err instanceof AppError && err.code === "not_found")) throw err;
    return createWorkspace(db, { slug, name: demoWorkspaces[slug].name }, systemActor, ownerId);
  }
}

async function ensureMember(db: Db, workspaceId: string, email: string, role: MemberRole): Promise<void> {
  const user = await ensureUser(db, email);
  await addMember(db, { workspaceId, userId: user.id, role }, systemActor);
}

/**
 * Seed the demo workspaces `glow` and `acme` with their members, then every domain's demo data.
 * `activity` adds four weeks of quiz runs, conversions and preference changes (analytics).
 * Running it again adds what is missing and restores the demo members' roles.
 */
export async function seedDemo(db: Db, opts: { activity?: boolean } = {}): Promise<DemoContext> {
  const owner = await ensureUser(db, DEMO_OWNER_EMAIL, "Demo");
  const glow = await ensureWorkspace(db, "glow", owner.id);
  const acme = await ensureWorkspace(db, "acme", owner.id);
  for (const ws of [glow, acme]) {
    await ensureMember(db, ws.id, DEMO_OWNER_EMAIL, "owner");
    await ensureMember(db, ws.id, demoWorkspaces[ws.slug as keyof typeof demoWorkspaces].admin, "admin");
  }
  const ctx: DemoContext = { db, workspaces: { glow, acme } };
  for (const seed of seeders) await seed(ctx);
  // Weeks of quiz runs, conversions and preference changes for the analytics pages: for a person
  // looking around (npm run dev, the seed command), not for tests that count what they create.
  if (opts.activity) await seedAnalyticsDemo(ctx);
  return ctx;
}
