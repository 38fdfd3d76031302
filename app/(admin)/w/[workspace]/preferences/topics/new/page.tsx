import type { Metadata } from "next";
import { TopicForm } from "@/components/preferences-admin/topic-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireMember } from "@/lib/auth/guards";
import { getPreferenceSettings } from "@/lib/preferences/topics";
import { createTopicAction } from "../../actions";

export const metadata: Metadata = { title: "New topic" };

export default async function NewTopicPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { db, workspace } = await requireMember((await params).workspace, "editor");
  const { channels } = await getPreferenceSettings(db, workspace.id);
  return (
    <Card>
      <CardHeader>
        <CardTitle>New topic</CardTitle>
        <CardDescription>Something people can subscribe to, on the channels and at the frequencies you offer.</CardDescription>
      </CardHeader>
      <CardContent>
        <TopicForm action={createTopicAction.bind(null, workspace.slug)} enabledChannels={channels} />
      </CardContent>
    </Card>
  );
}
