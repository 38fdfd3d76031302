import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { listWorkspacesForUser } from "@/lib/workspaces/queries";

/** /w: straight into the user's workspace, or to onboarding when they have none yet. */
export default async function WorkspacesIndex() {
  const user = await requireUser("/w");
  const [first] = await listWorkspacesForUser(await getDb(), user.id);
  redirect(first ? `/w/${first.slug}` : "/onboarding");
}
