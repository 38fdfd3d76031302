"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { authorizeMember } from "@/lib/auth/guards";
import { memberFormAction } from "@/lib/auth/form-action";
import { AppError, toAppError } from "@/lib/core/errors";
import type { FormState } from "@/lib/forms/state";
import { createBundle, previewBundle, setBundleArchived, updateBundle } from "@/lib/bundles/service";
import { findPreviewProfile } from "@/lib/personalization/service";
import { describeTrace } from "@/lib/rules/describe";
import type { BundlePreview, PreviewFailure } from "@/components/personalization/preview-types";

const base = (slug: string) => `/w/${slug}/personalization/bundles`;

function readDefinition(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("validation_failed", "The definition is not valid JSON", { fields: [{ path: "definition", message: "Not valid JSON" }] });
  }
}

export async function createBundleAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  let key: string | null = null;
  const schema = z.object({ key: z.string(), name: z.string() });
  const state = await memberFormAction({ workspaceSlug, minRole: "editor", schema, formData }, async ({ db, workspace, actor }, input) => {
    key = (await createBundle(db, workspace.id, input, actor)).key;
    revalidatePath(base(workspace.slug));
  });
  if (key) redirect(`${base(workspaceSlug)}/${key}`);
  return state;
}

export async function saveBundleAction(workspaceSlug: string, key: string, _prev: FormState, formData: FormData): Promise<FormState> {
  let moved: string | null = null;
  const state = await memberFormAction({ workspaceSlug, minRole: "editor", schema: z.object({ definition: z.string().max(200_000) }), formData }, async ({ db, workspace, actor }, input) => {
    const saved = await updateBundle(db, workspace.id, key, readDefinition(input.definition), actor);
    revalidatePath(base(workspace.slug));
    if (saved.key !== key) moved = saved.key;
    return { ok: true, message: "Bundle saved." };
  });
  if (moved) redirect(`${base(workspaceSlug)}/${moved}`);
  return state;
}

export async function archiveBundleAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const schema = z.object({ key: z.string().max(60), archived: z.enum(["true", "false"]) });
  return memberFormAction({ workspaceSlug, minRole: "editor", schema, formData }, async ({ db, workspace, actor }, input) => {
    await setBundleArchived(db, workspace.id, input.key, input.archived === "true", actor);
    revalidatePath(base(workspace.slug));
    return { ok: true, message: input.archived === "true" ? "Archived: no longer offered." : "Restored." };
  });
}

/** "Test this against a profile": the unsaved bundle ranked for one person, with every rule's trace. */
export async function previewBundleAction(workspaceSlug: string, definition: string, profileRef: string): Promise<BundlePreview | PreviewFailure> {
  try {
    const { db, workspace } = await authorizeMember(workspaceSlug, "viewer");
    const profile = await findPreviewProfile(db, workspace.id, profileRef);
    const rec = await previewBundle(db, workspace.id, readDefinition(definition), profile.id);
    const lines = (trace: Parameters<typeof describeTrace>[0][]) => trace.map((t) => ({ text: describeTrace(t), result: t.result, withheldBy: t.withheldBy ?? null }));
    return {
      ok: true,
      profile,
      audience: rec.audience ? { result: rec.audience.result, trace: lines(rec.audience.trace) } : null,
      generic: rec.generic,
      fallback: rec.fallback,
      maxPrice: rec.maxPrice,
      items: rec.items.map((i) => ({ sku: i.product.sku, name: i.product.name, price: i.product.price, currency: i.product.currency, category: i.product.category, score: i.score, added: i.added, explanation: i.explanation })),
      rules: rec.rules.map((r) => ({ key: r.key, label: r.label ?? null, result: r.result, trace: lines(r.trace) })),
    };
  } catch (err) {
    const e = toAppError(err);
    if (e.code === "internal") console.error("[bundle preview]", err);
    return { ok: false, error: e.message, errors: e.fields };
  }
}
