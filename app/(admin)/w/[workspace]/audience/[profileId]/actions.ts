"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authorizeMember } from "@/lib/auth/guards";
import { eraseProfile } from "@/lib/profiles/erasure";

/** Erase a person from the dashboard (admins); the page then shows the tombstone. */
export async function eraseProfileAction(workspaceSlug: string, profileId: string): Promise<void> {
  const { db, workspace, actor } = await authorizeMember(workspaceSlug, "admin");
  await eraseProfile(db, workspace.id, profileId, actor);
  revalidatePath(`/w/${workspace.slug}/audience`);
  redirect(`/w/${workspace.slug}/audience/${profileId}`);
}
