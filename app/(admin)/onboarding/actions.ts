"use server";

import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/guards";
import { formStateFromError } from "@/lib/auth/form-action";
import { getDb } from "@/lib/db/client";
import { formDataObject, type FormState } from "@/lib/forms/state";
import { createWorkspaceInput } from "@/lib/workspaces/schemas";
import { createWorkspace } from "@/lib/workspaces/service";
import { parseInput } from "@/lib/core/errors";

/** Any signed-in person may create a workspace; they become its owner. */
export async function createWorkspaceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formDataObject(formData);
  let slug: string;
  try {
    const user = await currentUser();
    if (!user) redirect("/signin?callbackUrl=%2Fonboarding");
    const input = parseInput(createWorkspaceInput, values);
    const ws = await createWorkspace(await getDb(), input, { type: "user", id: user.id, label: user.email }, user.id);
    slug = ws.slug;
  } catch (err) {
    const state = formStateFromError(err);
    return state && !state.ok ? { ...state, values } : state;
  }
  redirect(`/w/${slug}`);
}
