"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { memberFormAction } from "@/lib/auth/form-action";
import type { FormState } from "@/lib/forms/state";
import { preferenceSettingsForm, topicForm, topicTarget } from "@/lib/preferences/schemas";
import { createTopic, moveTopic, savePreferenceSettings, setTopicArchived, updateTopic } from "@/lib/preferences/topics";
import { rotateLinkSecret } from "@/lib/preferences/access";

const topicsPath = (slug: string) => `/w/${slug}/preferences`;

export async function createTopicAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  let created: string | null = null;
  const state = await memberFormAction({ workspaceSlug, minRole: "editor", schema: topicForm, formData }, async ({ db, workspace, actor }, input) => {
    await createTopic(db, workspace.id, input, actor);
    revalidatePath(topicsPath(workspace.slug));
    created = workspace.slug;
  });
  if (created) redirect(topicsPath(created));
  return state;
}

export async function updateTopicAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "editor", schema: topicForm, formData }, async ({ db, workspace, actor }, input) => {
    await updateTopic(db, workspace.id, input.key, input, actor);
    revalidatePath(topicsPath(workspace.slug), "layout");
    return { ok: true, message: "Topic saved. The preference center shows it right away." };
  });
}

export async function archiveTopicAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "editor", schema: topicTarget, formData }, async ({ db, workspace, actor }, input) => {
    const archived = input.archived === "true";
    await setTopicArchived(db, workspace.id, input.key, archived, actor);
    revalidatePath(topicsPath(workspace.slug), "layout");
    return { ok: true, message: archived ? "Archived: hidden from people, choices kept." : "Restored." };
  });
}

export async function moveTopicAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "editor", schema: topicTarget.required({ direction: true }), formData }, async ({ db, workspace, actor }, input) => {
    await moveTopic(db, workspace.id, input.key, input.direction, actor);
    revalidatePath(topicsPath(workspace.slug));
    return { ok: true, message: "Moved." };
  });
}

export async function saveCenterSettingsAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "admin", schema: preferenceSettingsForm, formData }, async ({ db, workspace, actor }, input) => {
    await savePreferenceSettings(db, workspace.id, input, actor);
    revalidatePath(`${topicsPath(workspace.slug)}/center`);
    return { ok: true, message: "Saved. The preference center uses it from the next page load." };
  });
}

export async function rotateLinkSecretAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "admin", schema: z.object({}), formData }, async ({ db, workspace, actor }) => {
    await rotateLinkSecret(db, workspace.id, actor);
    return { ok: true, message: "Every preference, unsubscribe and confirmation link sent so far has stopped working." };
  });
}
