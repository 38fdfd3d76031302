import "server-only";
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { quizResponses, quizVersions, quizzes } from "@/lib/db/schema";
import type { ProfileDataHooks } from "@/lib/profiles/data-hooks";

/** Quiz responses carry answers (free text, the email typed), so they follow their profile through merge, export and erasure. */
export const profileDataHooks: ProfileDataHooks = {
  name: "responses",

  async merge(tx, p) {
    await tx
      .update(quizResponses)
      .set({ profileId: p.intoProfileId })
      .where(and(eq(quizResponses.workspaceId, p.workspaceId), eq(quizResponses.profileId, p.fromProfileId)));
  },

  async erase(tx, s) {
    const email = s.email?.toLowerCase();
    // The run stays as an empty shell (funnel counts still add up); everything the person said goes.
    await tx
      .update(quizResponses)
      .set({
        profileId: null,
        answers: {},
        hidden: {},
        traits: null,
        outcome: null,
        context: sql`jsonb_build_object('channel', ${quizResponses.context}->>'channel', 'erased', true)`,
      })
      .where(
        and(
          eq(quizResponses.workspaceId, s.workspaceId),
          or(
            s.profileIds.length ? inArray(quizResponses.profileId, s.profileIds) : undefined,
            email ? sql`position(${email} in lower(${quizResponses.answers}::text)) > 0` : undefined,
            s.externalId ? sql`position(${s.externalId} in ${quizResponses.hidden}::text) > 0` : undefined,
          ),
        ),
      );
  },

  async export(db, p) {
    const rows = await db
      .select({ response: quizResponses, quiz: quizzes.slug, version: quizVersions.version })
      .from(quizResponses)
      .innerJoin(quizzes, and(eq(quizzes.id, quizResponses.quizId), eq(quizzes.workspaceId, quizResponses.workspaceId)))
      .innerJoin(quizVersions, and(eq(quizVersions.id, quizResponses.versionId), eq(quizVersions.workspaceId, quizResponses.workspaceId)))
      .where(and(eq(quizResponses.workspaceId, p.workspaceId), eq(quizResponses.profileId, p.profileId)))
      .orderBy(asc(quizResponses.startedAt));
    return rows.map(({ response: r, quiz, version }) => ({
      id: r.id,
      quiz,
      version,
      status: r.status,
      answers: r.answers,
      hidden: r.hidden,
      context: r.context,
      locale: r.locale,
      ending: r.endingKey,
      traits: r.traits,
      outcome: r.outcome,
      startedAt: r.startedAt,
      completedAt: r.completedAt,
    }));
  },

  async timeline(db, p) {
    const rows = await db
      .select({ id: quizResponses.id, status: quizResponses.status, startedAt: quizResponses.startedAt, completedAt: quizResponses.completedAt, quiz: quizzes.name, version: quizVersions.version })
      .from(quizResponses)
      .innerJoin(quizzes, and(eq(quizzes.id, quizResponses.quizId), eq(quizzes.workspaceId, quizResponses.workspaceId)))
      .innerJoin(quizVersions, and(eq(quizVersions.id, quizResponses.versionId), eq(quizVersions.workspaceId, quizResponses.workspaceId)))
      .where(and(eq(quizResponses.workspaceId, p.workspaceId), eq(quizResponses.profileId, p.profileId)))
      .orderBy(desc(quizResponses.startedAt))
      .limit(p.limit);
    return rows.map((r) => ({
      at: r.completedAt ?? r.startedAt,
      kind: "quiz_response",
      title: r.status === "completed" ? `Completed the quiz ${r.quiz}` : `Started the quiz ${r.quiz}`,
      detail: `version ${r.version}`,
      ref: r.id,
    }));
  },
};
