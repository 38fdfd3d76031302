import type { Metadata } from "next";
import Link from "next/link";
import { icons } from "@/components/admin/icons";
import { SmallActionForm } from "@/components/consent/small-action-form";
import { channelLabels, frequencyLabels } from "@/components/preferences-admin/labels";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireMember } from "@/lib/auth/guards";
import { listTopics, topicChoiceCounts } from "@/lib/preferences/topics";
import { roleAtLeast } from "@/lib/workspaces/roles";
import { archiveTopicAction, moveTopicAction } from "./actions";

export const metadata: Metadata = { title: "Topics" };

export default async function TopicsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { db, workspace, member } = await requireMember((await params).workspace);
  const [topics, counts] = await Promise.all([listTopics(db, workspace.id, { includeArchived: true }), topicChoiceCounts(db, workspace.id)]);
  const canEdit = roleAtLeast(member.role, "editor");
  const base = `/w/${workspace.slug}/preferences`;
  const newTopic = canEdit ? (
    <Link href={`${base}/topics/new`} className={buttonClasses("primary")}>
      New topic
    </Link>
  ) : null;
  if (topics.length === 0) {
    const Icon = icons.preferences;
    return (
      <EmptyState
        icon={<Icon className="h-6 w-6" />}
        title="No topics yet"
        description="Define what people can subscribe to: topics × email, SMS, push and in-app, each with the frequencies people may choose."
        action={newTopic}
      />
    );
  }
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-4">
        <div>
          <CardTitle>Topics</CardTitle>
          <CardDescription>
            In this order in the preference center. Counts are people who chose; everyone else gets the topic&apos;s default.
          </CardDescription>
        </div>
        {newTopic}
      </CardHeader>
      <Table caption="Topics people can subscribe to">
        <TableHeader>
          <TableRow>
            <TableHead>Topic</TableHead>
            <TableHead>Channels (default · chose on / off / pending)</TableHead>
            <TableHead>Frequencies</TableHead>
            <TableHead>Rules</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {topics.map((t, i) => {
            const byChannel = counts.get(t.id) ?? {};
            return (
              <TableRow key={t.id}>
                <TableCell>
                  <Link href={`${base}/topics/${t.key}`} className="font-medium text-brand underline-offset-4 hover:underline">
                    {t.name}
                  </Link>
                  <div className="font-mono text-xs text-muted-foreground">{t.key}</div>
                </TableCell>
                <TableCell className="text-sm">
                  {t.channels.map((c) => {
                    const n = byChannel[c] ?? {};
                    return (
                      <div key={c}>
                        {channelLabels[c]} · {t.transactional ? "always" : t.defaults[c] === "subscribed" ? "on" : "off"} · {n.subscribed ?? 0} / {n.unsubscribed ?? 0} / {n.pending ?? 0}
                      </div>
                    );
                  })}
                </TableCell>
                <TableCell className="text-sm">
                  {t.frequencies.map((f) => (f === t.defaultFrequency ? `${frequencyLabels[f]} (default)` : frequencyLabels[f])).join(", ")}
                </TableCell>
                <TableCell className="flex flex-wrap gap-1">
                  {t.archivedAt ? <Badge tone="warning">archived</Badge> : null}
                  {t.doubleOptIn ? <Badge tone="brand">double opt-in</Badge> : null}
                  {t.transactional ? <Badge>transactional</Badge> : null}
                </TableCell>
                <TableCell className="text-right">
                  {canEdit ? (
                    <div className="flex flex-wrap justify-end gap-1">
                      {i > 0 ? <SmallActionForm action={moveTopicAction.bind(null, workspace.slug)} fields={{ key: t.key, direction: "up" }} label="Up" variant="ghost" srContext={t.name} /> : null}
                      {i < topics.length - 1 ? (
                        <SmallActionForm action={moveTopicAction.bind(null, workspace.slug)} fields={{ key: t.key, direction: "down" }} label="Down" variant="ghost" srContext={t.name} />
                      ) : null}
                      <SmallActionForm
                        action={archiveTopicAction.bind(null, workspace.slug)}
                        fields={{ key: t.key, archived: t.archivedAt ? "false" : "true" }}
                        label={t.archivedAt ? "Restore" : "Archive"}
                        variant="ghost"
                        srContext={t.name}
                      />
                    </div>
                  ) : null}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Card>
  );
}
