import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NoticeEditor, NoticePreview } from "@/components/consent/notice-editor";
import { PurposeForm } from "@/components/consent/purpose-form";
import { SmallActionForm } from "@/components/consent/small-action-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireMember } from "@/lib/auth/guards";
import { listNotices, listPurposes } from "@/lib/consent/service";
import { roleAtLeast } from "@/lib/workspaces/roles";
import { cn } from "@/lib/utils";
import { discardNoticeDraftAction, publishNoticeAction, saveNoticeDraftAction, updatePurposeAction } from "../actions";

export const metadata: Metadata = { title: "Consent notice" };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function PurposePage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string; purpose: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspace: slug, purpose: key } = await params;
  const { db, workspace, member } = await requireMember(slug);
  const purpose = (await listPurposes(db, workspace.id, { includeArchived: true })).find((p) => p.key === key);
  if (!purpose) notFound();
  const notices = await listNotices(db, workspace.id, { purpose: key });
  const settings = workspace.settings;
  const locales = [...new Set([...(settings.locales ?? [settings.defaultLocale ?? "en"]), ...notices.map((n) => n.locale)])];
  const sp = await searchParams;
  const wanted = sp.locale;
  const justPublished = typeof sp.published === "string" ? sp.published : null;
  const locale = typeof wanted === "string" && locales.includes(wanted) ? wanted : locales[0]!;
  const inLocale = notices.filter((n) => n.locale === locale);
  const draft = inLocale.find((n) => !n.publishedAt);
  const published = inLocale.filter((n) => n.publishedAt);
  const current = published[0];
  const canEdit = roleAtLeast(member.role, "editor");
  const isAdmin = roleAtLeast(member.role, "admin");
  const base = `/w/${workspace.slug}/preferences/consent/${key}`;

  return (
    <div className="grid gap-6">
      <div>
        <Link href={`/w/${workspace.slug}/preferences/consent`} className="text-sm text-muted-foreground hover:text-foreground">
          ← All purposes
        </Link>
        <h2 className="mt-1 text-xl font-semibold">
          {purpose.label} <span className="font-mono text-sm font-normal text-muted-foreground">{purpose.key}</span>
        </h2>
      </div>

      {justPublished ? (
        <Alert tone="success" live>
          Version {justPublished} is published. Consent recorded from now on cites it; earlier records keep the version they were given under.
        </Alert>
      ) : null}

      <nav aria-label="Notice language" className="flex flex-wrap gap-2">
        {locales.map((l) => (
          <Link
            key={l}
            href={`${base}?locale=${l}`}
            aria-current={l === locale ? "page" : undefined}
            className={cn("rounded-md border px-3 py-1 text-sm", l === locale ? "border-brand bg-brand/10 font-medium" : "border-border hover:bg-muted")}
          >
            {l}
          </Link>
        ))}
      </nav>

      <Card>
        <CardHeader>
          <CardTitle>Draft ({locale})</CardTitle>
          <CardDescription>
            {draft ? "A saved draft, not shown to anyone yet." : current ? `Starts from the published version ${current.version}.` : "No notice in this language yet."}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <NoticeEditor
            key={locale}
            action={saveNoticeDraftAction.bind(null, workspace.slug)}
            purpose={key}
            locale={locale}
            initial={{ title: draft?.title ?? current?.title ?? purpose.label, text: draft?.text ?? current?.text ?? "" }}
            disabled={!canEdit}
          />
          {draft ? (
            <div className="flex flex-wrap gap-3 border-t border-border pt-4">
              {isAdmin ? (
                <SmallActionForm action={publishNoticeAction.bind(null, workspace.slug)} fields={{ purpose: key, locale }} label="Publish the saved draft" variant="primary" />
              ) : (
                <p className="text-sm text-muted-foreground">An admin publishes drafts.</p>
              )}
              {canEdit ? <SmallActionForm action={discardNoticeDraftAction.bind(null, workspace.slug)} fields={{ purpose: key, locale }} label="Discard draft" variant="ghost" /> : null}
            </div>
          ) : null}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Published versions ({locale})</CardTitle>
          <CardDescription>Frozen: the database refuses any change to a published version.</CardDescription>
        </CardHeader>
        {published.length === 0 ? (
          <CardContent>
            <Alert tone="warning">Consent for this purpose in {locale} cites no notice until you publish one (the default language&apos;s notice is used as a fallback).</Alert>
          </CardContent>
        ) : (
          <Table caption={`Published versions in ${locale}, newest first`}>
            <TableHeader>
              <TableRow>
                <TableHead>Version</TableHead>
                <TableHead>Published (UTC)</TableHead>
                <TableHead>Text</TableHead>
                <TableHead>SHA-256</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {published.map((n) => (
                <TableRow key={n.id}>
                  <TableCell className="font-medium">v{n.version}</TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground">{when.format(n.publishedAt!)}</TableCell>
                  <TableCell className="min-w-72">
                    <details>
                      <summary className="cursor-pointer">{n.title}</summary>
                      <div className="mt-2">
                        <NoticePreview title={n.title} text={n.text} />
                      </div>
                    </details>
                  </TableCell>
                  <TableCell className="font-mono text-xs" title={n.textHash ?? ""}>
                    {n.textHash?.slice(0, 16)}…
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>

      {isAdmin ? (
        <Card>
          <CardHeader>
            <CardTitle>Purpose</CardTitle>
          </CardHeader>
          <CardContent>
            <PurposeForm action={updatePurposeAction.bind(null, workspace.slug)} purpose={key} initial={{ label: purpose.label, description: purpose.description }} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
