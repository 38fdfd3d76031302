import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TopicForm } from "@/components/preferences-admin/topic-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireMember } from "@/lib/auth/guards";
import { getPreferenceSettings, listTopics } from "@/lib/preferences/topics";
import { roleAtLeast } from "@/lib/workspaces/roles";
import { updateTopicAction } from "../../actions";

export const metadata: Metadata = { title: "Topic" };

export default async function TopicPage({ params }: { params: Promise<{ workspace: string; key: string }> }) {
  const { workspace: slug, key } = await params;
  const { db, workspace, member } = await requireMember(slug);
  const [topics, settings] = await Promise.all([listTopics(db, workspace.id, { includeArchived: true }), getPreferenceSettings(db, workspace.id)]);
  const topic = topics.find((t) => t.key === key);
  if (!topic) notFound();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{topic.name}</CardTitle>
        <CardDescription>
          Key <code className="font-mono">{topic.key}</code>. People&apos;s choices stay as they are when you change the topic; a channel you take away simply stops being
          offered.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <TopicForm
          action={updateTopicAction.bind(null, workspace.slug)}
          initial={{ ...topic, translations: topic.translations as { de?: { name?: string; description?: string } } }}
          enabledChannels={settings.channels}
          disabled={!roleAtLeast(member.role, "editor")}
        />
      </CardContent>
    </Card>
  );
}
