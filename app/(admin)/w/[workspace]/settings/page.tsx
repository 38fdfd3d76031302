import { redirect } from "next/navigation";
import { requireMember } from "@/lib/auth/guards";

export default async function SettingsIndex({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await requireMember((await params).workspace);
  redirect(`/w/${workspace.slug}/settings/general`);
}
