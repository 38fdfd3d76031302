"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { memberFormAction } from "@/lib/auth/form-action";
import type { FormState } from "@/lib/forms/state";
import { AppError } from "@/lib/core/errors";
import { createSegment, deleteSegment, updateSegment } from "@/lib/segments/service";

const segmentForm = z.object({ name: z.string(), description: z.string().optional(), rule: z.string().max(100_000) });
const idForm = z.object({ id: z.string().max(64) });

function readRule(text: string): unknown {
  if (!text.trim()) return { all: [] };
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("validation_failed", "rule: not valid JSON", { fields: [{ path: "rule", message: "Not valid JSON" }] });
  }
}

const base = (slug: string) => `/w/${slug}/personalization/segments`;

export async function createSegmentAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  let created: string | null = null;
  const state = await memberFormAction({ workspaceSlug, minRole: "editor", schema: segmentForm, formData }, async ({ db, workspace, actor }, input) => {
    const segment = await createSegment(db, workspace.id, { name: input.name, description: input.description ?? "", rule: readRule(input.rule) }, actor);
    created = segment.id;
    revalidatePath(base(workspace.slug));
  });
  if (created) redirect(`${base(workspaceSlug)}/${created}`);
  return state;
}

export async function updateSegmentAction(workspaceSlug: string, id: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "editor", schema: segmentForm, formData }, async ({ db, workspace, actor }, input) => {
    await updateSegment(db, workspace.id, id, { name: input.name, description: input.description ?? "", rule: readRule(input.rule) }, actor);
    revalidatePath(`${base(workspace.slug)}/${id}`);
    return { ok: true, message: "Segment saved." };
  });
}

export async function deleteSegmentAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  let deleted = false;
  const state = await memberFormAction({ workspaceSlug, minRole: "editor", schema: idForm, formData }, async ({ db, workspace, actor }, input) => {
    await deleteSegment(db, workspace.id, input.id, actor);
    deleted = true;
  });
  if (deleted) redirect(base(workspaceSlug));
  return state;
}
