"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberFormAction } from "@/lib/auth/form-action";
import type { FormState } from "@/lib/forms/state";
import { setAllowedOrigins } from "@/lib/embed/service";

const input = z.object({ origins: z.string().max(5000).default("") });

export async function saveAllowedOrigins(workspaceSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  return memberFormAction({ workspaceSlug, minRole: "admin", schema: input, formData }, async ({ db, workspace, actor }, data) => {
    const origins = await setAllowedOrigins(db, { workspaceId: workspace.id, origins: data.origins }, actor);
    revalidatePath(`/w/${workspace.slug}/integrations/embed`);
    return { ok: true, message: origins.length ? `Saved: ${origins.length} allowed origin${origins.length === 1 ? "" : "s"}.` : "Saved: no site can embed this workspace." };
  });
}
