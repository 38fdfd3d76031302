import "server-only";
import type { Db } from "@/lib/db/client";
import { systemActor } from "@/lib/audit/service";
import { createTraitDefinition, listTraitDefinitions } from "@/lib/traits/service";
import { quizDefinition } from "./definition";
import { demoQuizTraits, routineQuiz, welcomeQuiz } from "./demo-definitions";
import { createQuiz, publishQuiz } from "./service";
import * as q from "./queries";

const demoQuizzes = {
  glow: { slug: "routine", name: "Find your routine", definition: routineQuiz },
  acme: { slug: "welcome", name: "Welcome", definition: welcomeQuiz },
} as const;

/**
 * The demo quiz of `glow` (routine) or `acme` (welcome), with the traits it writes, published.
 * Idempotent: missing traits are defined, a missing quiz is created, an unpublished one published.
 */
export async function ensureDemoQuiz(db: Db, workspaceId: string, which: keyof typeof demoQuizzes) {
  const existing = new Set((await listTraitDefinitions(db, workspaceId, { includeArchived: true })).map((t) => t.key));
  for (const [key, spec] of Object.entries(demoQuizTraits[which])) {
    if (existing.has(key)) continue;
    await createTraitDefinition(
      db,
      workspaceId,
      {
        key,
        label: spec.label,
        type: spec.type,
        purpose: spec.purpose,
        allowedValues: spec.allowedValues ? spec.allowedValues.map((v) => ({ value: v, label: v.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()) })) : null,
      },
      systemActor,
    );
  }
  const demo = demoQuizzes[which];
  const quiz =
    (await q.findQuizBySlug(db, { workspaceId, slug: demo.slug })) ??
    (await createQuiz(db, workspaceId, { slug: demo.slug, name: demo.name, definition: quizDefinition.parse(demo.definition) }, systemActor));
  if (!quiz.publishedVersionId) await publishQuiz(db, workspaceId, { quizId: quiz.id, revision: quiz.draftRevision }, systemActor);
  return (await q.findQuizById(db, { workspaceId, quizId: quiz.id }))!;
}

/** The demo seeder: `glow` gets the routine quiz, `acme` the welcome quiz. */
export async function seedDemoQuizzes(ctx: { db: Db; workspaces: { glow: { id: string }; acme: { id: string } } }): Promise<void> {
  await ensureDemoQuiz(ctx.db, ctx.workspaces.glow.id, "glow");
  await ensureDemoQuiz(ctx.db, ctx.workspaces.acme.id, "acme");
}
