"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { authorizeMember } from "@/lib/auth/guards";
import { formStateFromError, memberFormAction } from "@/lib/auth/form-action";
import { parseInput } from "@/lib/core/errors";
import type { FormState } from "@/lib/forms/state";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  replayFailedWebhookDeliveries,
  replayWebhookDelivery,
  rotateWebhookSecret,
  sendWebhookTestEvent,
  updateWebhookEndpoint,
} from "@/lib/webhooks/service";
import { endpointForm, maxOverlapSeconds } from "@/lib/webhooks/schemas";
import type { SecretShownState } from "@/components/webhooks/secret-once";

const listPath = (slug: string) => `/w/${slug}/integrations/webhooks`;
const endpointPath = (slug: string, id: string) => `${listPath(slug)}/${id}`;

/** The endpoint form's fields; `events` may repeat (one checkbox each). */
function endpointFields(formData: FormData) {
  return {
    url: String(formData.get("url") ?? ""),
    description: String(formData.get("description") ?? ""),
    events: formData.getAll("events").map(String),
  };
}

function failed(err: unknown, values: Record<string, string>) {
  const state = formStateFromError(err);
  return state && !state.ok ? { ...state, values } : state;
}

export async function createEndpointAction(workspaceSlug: string, _prev: SecretShownState, formData: FormData): Promise<SecretShownState> {
  const fields = endpointFields(formData);
  try {
    const ctx = await authorizeMember(workspaceSlug, "admin");
    const input = parseInput(endpointForm, fields);
    const created = await createWebhookEndpoint(ctx.db, ctx.workspace.id, input, ctx.actor);
    revalidatePath(listPath(workspaceSlug));
    return { ok: true, secret: created.secret, title: created.url, href: endpointPath(workspaceSlug, created.id) };
  } catch (err) {
    return failed(err, { ...fields, events: fields.events.join(",") }) as SecretShownState;
  }
}

export async function updateEndpointAction(workspaceSlug: string, endpointId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const fields = endpointFields(formData);
  try {
    const ctx = await authorizeMember(workspaceSlug, "admin");
    const input = parseInput(endpointForm, fields);
    await updateWebhookEndpoint(ctx.db, ctx.workspace.id, endpointId, input, ctx.actor);
    revalidatePath(endpointPath(workspaceSlug, endpointId));
    return { ok: true, message: "Saved. The next event uses the new settings." };
  } catch (err) {
    return failed(err, { ...fields, events: fields.events.join(",") });
  }
}

export async function setEndpointEnabledAction(workspaceSlug: string, endpointId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "admin", schema: z.object({ enabled: z.enum(["true", "false"]) }), formData }, async (ctx, input) => {
    const enabled = input.enabled === "true";
    await updateWebhookEndpoint(ctx.db, ctx.workspace.id, endpointId, { enabled }, ctx.actor);
    revalidatePath(endpointPath(workspaceSlug, endpointId));
    return { ok: true, message: enabled ? "Enabled: new events go out again. Replay what failed meanwhile." : "Disabled: its pending deliveries are marked failed." };
  });
}

export async function deleteEndpointAction(workspaceSlug: string, endpointId: string): Promise<void> {
  const ctx = await authorizeMember(workspaceSlug, "admin");
  await deleteWebhookEndpoint(ctx.db, ctx.workspace.id, endpointId, ctx.actor);
  revalidatePath(listPath(workspaceSlug));
  redirect(listPath(workspaceSlug));
}

export async function rotateSecretAction(workspaceSlug: string, endpointId: string, _prev: SecretShownState, formData: FormData): Promise<SecretShownState> {
  const overlap = String(formData.get("overlapSeconds") ?? "");
  try {
    const ctx = await authorizeMember(workspaceSlug, "admin");
    const { overlapSeconds } = parseInput(z.object({ overlapSeconds: z.coerce.number().int().min(0).max(maxOverlapSeconds) }), { overlapSeconds: overlap });
    const rotated = await rotateWebhookSecret(ctx.db, ctx.workspace.id, endpointId, { overlapSeconds }, ctx.actor);
    revalidatePath(endpointPath(workspaceSlug, endpointId));
    const until = rotated.previousSecretExpiresAt ? ` The old secret keeps signing until ${rotated.previousSecretExpiresAt.toISOString().replace("T", " ").slice(0, 16)} UTC.` : "";
    return { ok: true, secret: rotated.secret, title: `New secret for ${rotated.url}.${until}`, href: endpointPath(workspaceSlug, endpointId) };
  } catch (err) {
    return failed(err, { overlapSeconds: overlap }) as SecretShownState;
  }
}

export async function sendTestEventAction(workspaceSlug: string, endpointId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "admin", schema: z.object({}), formData }, async (ctx) => {
    await sendWebhookTestEvent(ctx.db, ctx.workspace.id, endpointId, ctx.actor);
    revalidatePath(endpointPath(workspaceSlug, endpointId));
    return { ok: true, message: "Test event sent. Reload to see its delivery in the log." };
  });
}

export async function replayDeliveryAction(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "admin", schema: z.object({ deliveryId: z.string().min(1) }), formData }, async (ctx, input) => {
    await replayWebhookDelivery(ctx.db, ctx.workspace.id, input.deliveryId, ctx.actor);
    revalidatePath(listPath(workspaceSlug), "layout");
    return { ok: true, message: "Replay queued with the same webhook-id. Reload to see the new attempt." };
  });
}

export async function replayFailedAction(workspaceSlug: string, endpointId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  // The field is a datetime-local read as UTC, like every time on these pages.
  const schema = z.object({
    since: z
      .string()
      .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/, "Enter a date and time")
      .transform((s) => new Date(`${s.length === 16 ? `${s}:00` : s}Z`)),
  });
  return memberFormAction({ workspaceSlug, minRole: "admin", schema, formData }, async (ctx, input) => {
    const { replayed } = await replayFailedWebhookDeliveries(ctx.db, ctx.workspace.id, endpointId, { since: input.since }, ctx.actor);
    revalidatePath(endpointPath(workspaceSlug, endpointId));
    return { ok: true, message: replayed === 0 ? "No delivery failed since then." : `${replayed} ${replayed === 1 ? "delivery" : "deliveries"} queued again.` };
  });
}
