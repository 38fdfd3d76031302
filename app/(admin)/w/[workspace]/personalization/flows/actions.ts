"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { authorizeMember } from "@/lib/auth/guards";
import { memberFormAction } from "@/lib/auth/form-action";
import { AppError, parseInput, toAppError } from "@/lib/core/errors";
import type { FormState } from "@/lib/forms/state";
import { chooseFlow, createFlow, listFlows, setFlowArchived, updateFlow } from "@/lib/onboarding/service";
import { flowInput } from "@/lib/onboarding/schemas";
import { findPreviewProfile } from "@/lib/personalization/service";
import { loadVocabulary } from "@/lib/rules/service";
import { loadProfileFacts } from "@/lib/rules/facts";
import { evaluateRule } from "@/lib/rules/evaluate";
import { describeTrace } from "@/lib/rules/describe";
import type { FlowPreview, PreviewFailure } from "@/components/personalization/preview-types";

const base = (slug: string) => `/w/${slug}/personalization/flows`;

function readDefinition(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("validation_failed", "The definition is not valid JSON", { fields: [{ path: "definition", message: "Not valid JSON" }] });
  }
}

export async function createFlowAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  let key: string | null = null;
  const schema = z.object({ key: z.string(), name: z.string() });
  const state = await memberFormAction({ workspaceSlug, minRole: "editor", schema, formData }, async ({ db, workspace, actor }, input) => {
    const starter = { ...input, steps: [{ key: "first_step", title: "Your first step", body: "", completion: ["person", "api"] }] };
    key = (await createFlow(db, workspace.id, starter, actor)).key;
    revalidatePath(base(workspace.slug));
  });
  if (key) redirect(`${base(workspaceSlug)}/${key}`);
  return state;
}

export async function saveFlowAction(workspaceSlug: string, key: string, _prev: FormState, formData: FormData): Promise<FormState> {
  let moved: string | null = null;
  const state = await memberFormAction({ workspaceSlug, minRole: "editor", schema: z.object({ definition: z.string().max(300_000) }), formData }, async ({ db, workspace, actor }, input) => {
    const saved = await updateFlow(db, workspace.id, key, readDefinition(input.definition), actor);
    revalidatePath(base(workspace.slug));
    if (saved.key !== key) moved = saved.key;
    return { ok: true, message: "Flow saved." };
  });
  if (moved) redirect(`${base(workspaceSlug)}/${moved}`);
  return state;
}

export async function archiveFlowAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const schema = z.object({ key: z.string().max(60), archived: z.enum(["true", "false"]) });
  return memberFormAction({ workspaceSlug, minRole: "editor", schema, formData }, async ({ db, workspace, actor }, input) => {
    await setFlowArchived(db, workspace.id, input.key, input.archived === "true", actor);
    revalidatePath(base(workspace.slug));
    return { ok: true, message: input.archived === "true" ? "Archived: no longer assigned." : "Restored." };
  });
}

/** "Test this against a profile": does the unsaved flow's audience hold, and which saved flow would the person get now. */
export async function previewFlowAction(workspaceSlug: string, definition: string, profileRef: string): Promise<FlowPreview | PreviewFailure> {
  try {
    const { db, workspace } = await authorizeMember(workspaceSlug, "viewer");
    const draft = parseInput(flowInput, readDefinition(definition));
    const profile = await findPreviewProfile(db, workspace.id, profileRef);
    const [vocab, facts, flows] = await Promise.all([loadVocabulary(db, workspace.id), loadProfileFacts(db, workspace.id, profile.id), listFlows(db, workspace.id)]);
    const audience = draft.audience && !draft.generic ? evaluateRule(draft.audience, facts) : null;
    const chosen = chooseFlow(flows, facts, vocab.rule);
    return {
      ok: true,
      profile,
      audience: audience ? { result: audience.result, trace: audience.trace.map((t) => ({ text: describeTrace(t), result: t.result, withheldBy: t.withheldBy ?? null })) } : null,
      chosen: chosen ? { key: chosen.flow.key, name: chosen.flow.name, fallback: chosen.fallback?.reason ?? null } : null,
    };
  } catch (err) {
    const e = toAppError(err);
    if (e.code === "internal") console.error("[flow preview]", err);
    return { ok: false, error: e.message, errors: e.fields };
  }
}
