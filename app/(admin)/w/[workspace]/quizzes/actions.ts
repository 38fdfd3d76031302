"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authorizeMember } from "@/lib/auth/guards";
import { formStateFromError, memberFormAction } from "@/lib/auth/form-action";
import { AppError, toAppError } from "@/lib/core/errors";
import type { FormState } from "@/lib/forms/state";
import { createQuizInput } from "@/lib/quizzes/schemas";
import { createQuiz, publishQuiz, saveQuizDraft, setQuizArchived } from "@/lib/quizzes/service";
import type { BuilderResult } from "@/components/quizzes/builder-types";

const listPath = (slug: string) => `/w/${slug}/quizzes`;

export async function createQuizAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  let target: string | null = null;
  const state = await memberFormAction({ workspaceSlug, minRole: "editor", schema: createQuizInput.omit({ definition: true }), formData }, async (ctx, input) => {
    const quiz = await createQuiz(ctx.db, ctx.workspace.id, input, ctx.actor);
    target = `${listPath(workspaceSlug)}/${quiz.id}`;
  });
  if (target) redirect(target);
  return state;
}

function failure(err: unknown): BuilderResult {
  const state = formStateFromError(err);
  const appError = toAppError(err);
  return {
    ok: false,
    conflict: appError.code === "conflict",
    error: state && !state.ok ? (appError.code === "validation_failed" ? appError.message : state.error) : "Something went wrong",
    fields: appError.fields,
  };
}

/** Save the draft the editor holds; a newer revision in the database answers a conflict instead of overwriting it. */
export async function saveDraftAction(workspaceSlug: string, input: { quizId: string; revision: number; name?: string; definition: unknown }): Promise<BuilderResult> {
  try {
    const ctx = await authorizeMember(workspaceSlug, "editor");
    const saved = await saveQuizDraft(ctx.db, ctx.workspace.id, input as Parameters<typeof saveQuizDraft>[2], ctx.actor);
    revalidatePath(listPath(workspaceSlug));
    return { ok: true, revision: saved.revision, issues: saved.issues };
  } catch (err) {
    return failure(err);
  }
}

export async function publishAction(workspaceSlug: string, input: { quizId: string; revision: number }): Promise<BuilderResult> {
  try {
    const ctx = await authorizeMember(workspaceSlug, "editor");
    const { version, created } = await publishQuiz(ctx.db, ctx.workspace.id, input, ctx.actor);
    revalidatePath(listPath(workspaceSlug));
    revalidatePath(`${listPath(workspaceSlug)}/${input.quizId}`);
    return { ok: true, revision: input.revision, issues: [], published: { version: version.version, created } };
  } catch (err) {
    return failure(err);
  }
}

export async function archiveQuizAction(workspaceSlug: string, quizId: string, archived: boolean): Promise<BuilderResult> {
  try {
    const ctx = await authorizeMember(workspaceSlug, "admin");
    await setQuizArchived(ctx.db, ctx.workspace.id, quizId, archived, ctx.actor);
    revalidatePath(listPath(workspaceSlug));
    revalidatePath(`${listPath(workspaceSlug)}/${quizId}`);
    return { ok: true, revision: 0, issues: [] };
  } catch (err) {
    if (err instanceof AppError) return failure(err);
    throw err;
  }
}
