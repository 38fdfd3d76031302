import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireMember } from "@/lib/auth/guards";
import { AppError } from "@/lib/core/errors";
import { summarizeAnswers } from "@/lib/quizzes/declared";
import { listQuizResponses, type ResponseView } from "@/lib/quizzes/responses";
import { versionDefinition } from "@/lib/quizzes/runs";
import { getQuizForEditing } from "@/lib/quizzes/service";
import type { QuizDefinition } from "@/lib/quizzes/definition";

export const metadata: Metadata = { title: "Quiz responses" };

const PAGE_SIZE = 25;
const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const one = (v: string | string[] | undefined) => (typeof v === "string" && v ? v : undefined);

function AnswerList({ def, response }: { def: QuizDefinition | undefined; response: ResponseView }) {
  if (!def) return null;
  const keys = def.questions.map((q) => q.key).filter((k) => k in response.answers);
  const items = summarizeAnswers(def, response.answers, keys, def.defaultLocale, "skipped");
  if (!items.length) return <span className="text-muted-foreground">No answers yet</span>;
  return (
    <dl className="grid gap-0.5">
      {items.map((a) => (
        <div key={a.key} className="flex flex-wrap gap-x-1.5">
          <dt className="font-mono text-xs text-muted-foreground">{a.key}:</dt>
          <dd className="max-w-80 truncate text-sm" title={a.answer}>
            {a.answer}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export default async function QuizResponsesPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string; quizId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspace: slug, quizId } = await params;
  const { db, workspace } = await requireMember(slug);
  const sp = await searchParams;
  let editing;
  try {
    editing = await getQuizForEditing(db, workspace.id, quizId);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
  const { quiz, versions, counts } = editing;
  const status = one(sp.status) === "completed" || one(sp.status) === "partial" ? (one(sp.status) as "completed" | "partial") : undefined;
  const version = one(sp.version) && /^\d+$/.test(one(sp.version)!) ? Number(one(sp.version)) : undefined;
  const trail = (one(sp.trail)?.split(".") ?? []).filter(Boolean).slice(-20);
  let page: Awaited<ReturnType<typeof listQuizResponses>> = { data: [], nextCursor: null };
  let problem: string | null = null;
  try {
    page = await listQuizResponses(db, workspace.id, quiz.slug, { status, version, cursor: trail.at(-1), limit: PAGE_SIZE });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    problem = err.message;
  }
  const definitions = new Map<number, QuizDefinition>();
  for (const v of versions) {
    if (page.data.some((r) => r.version === v.version)) definitions.set(v.version, await versionDefinition(db, workspace.id, v.id));
  }
  const base = `/w/${workspace.slug}/quizzes/${quiz.id}/responses`;
  const href = (nextTrail: string[]) => {
    const q = new URLSearchParams();
    if (status) q.set("status", status);
    if (version) q.set("version", String(version));
    if (nextTrail.length) q.set("trail", nextTrail.join("."));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  return (
    <div className="grid gap-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/w/${workspace.slug}/quizzes`} className="text-brand underline underline-offset-4">
          Quizzes
        </Link>
        <span aria-hidden="true" className="px-1.5 text-muted-foreground">
          /
        </span>
        <Link href={`/w/${workspace.slug}/quizzes/${quiz.id}`} className="text-brand underline underline-offset-4">
          {quiz.name}
        </Link>
        <span aria-hidden="true" className="px-1.5 text-muted-foreground">
          /
        </span>
        <span aria-current="page">Responses</span>
      </nav>
      <PageHeader
        title={`Responses to ${quiz.name}`}
        description={`${counts.completed ?? 0} completed and ${counts.partial ?? 0} partial. Partial responses keep every answer given so far and the question they stopped at.`}
      />
      <form method="get" action={base} className="flex flex-wrap items-end gap-3">
        <Field id="filter-status" label="Status" className="w-44">
          <NativeSelect name="status" defaultValue={status ?? ""}>
            <option value="">All</option>
            <option value="completed">Completed</option>
            <option value="partial">Partial</option>
          </NativeSelect>
        </Field>
        <Field id="filter-version" label="Version" className="w-44">
          <NativeSelect name="version" defaultValue={version ? String(version) : ""}>
            <option value="">All versions</option>
            {versions.map((v) => (
              <option key={v.id} value={v.version}>
                Version {v.version}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>
      {problem ? <Alert tone="danger">{problem}</Alert> : null}
      {page.data.length === 0 ? (
        <EmptyState title="No responses here" description={status || version ? "Nothing matches these filters." : "Responses appear as soon as people start the quiz."} />
      ) : (
        <Card>
          <Table caption="Responses, newest first">
            <TableHeader>
              <TableRow>
                <TableHead>Started (UTC)</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Person</TableHead>
                <TableHead>Answers</TableHead>
                <TableHead>Context</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.data.map((r) => (
                <TableRow key={r.id}>
                  <TableCell className="whitespace-nowrap">
                    <time dateTime={r.startedAt.toISOString()}>{when.format(r.startedAt)}</time>
                    <div className="text-xs text-muted-foreground">version {r.version}</div>
                  </TableCell>
                  <TableCell>
                    {r.status === "completed" ? <Badge tone="success">completed</Badge> : <Badge tone="warning">partial</Badge>}
                    {r.status === "partial" && r.currentQuestion ? <div className="mt-1 text-xs text-muted-foreground">stopped at {r.currentQuestion}</div> : null}
                    {r.ending ? <div className="mt-1 text-xs text-muted-foreground">ending {r.ending}</div> : null}
                  </TableCell>
                  <TableCell>
                    {r.profileId ? (
                      <Link href={`/w/${workspace.slug}/audience/${r.profileId}`} className="text-brand underline underline-offset-4">
                        {r.profileEmail ?? "Anonymous profile"}
                      </Link>
                    ) : (
                      <span className="text-muted-foreground">Not yet known</span>
                    )}
                  </TableCell>
                  <TableCell>
                    <AnswerList def={definitions.get(r.version)} response={r} />
                  </TableCell>
                  <TableCell className="text-xs">
                    <div>
                      {r.channel}
                      {r.device ? ` · ${r.device}` : ""} · {r.locale}
                    </div>
                    {Object.entries({ ...r.utm, ...r.hidden }).map(([k, v]) => (
                      <div key={k} className="text-muted-foreground">
                        {k}={v}
                      </div>
                    ))}
                    {r.referrer ? <div className="max-w-56 truncate text-muted-foreground">from {r.referrer}</div> : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      <Pagination
        label="Responses pages"
        previousHref={trail.length ? href(trail.slice(0, -1)) : null}
        nextHref={page.nextCursor ? href([...trail, page.nextCursor]) : null}
        summary={`Page ${trail.length + 1}`}
      />
    </div>
  );
}
