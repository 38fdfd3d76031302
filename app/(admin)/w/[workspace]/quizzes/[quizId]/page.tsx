import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QuizBuilder } from "@/components/quizzes/builder";
import { requireMember } from "@/lib/auth/guards";
import { AppError } from "@/lib/core/errors";
import { roleAtLeast } from "@/lib/workspaces/roles";
import { getQuizForEditing } from "@/lib/quizzes/service";
import { previewToken } from "@/lib/quizzes/preview";
import { archiveQuizAction, publishAction, saveDraftAction } from "../actions";

export const metadata: Metadata = { title: "Quiz builder" };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function QuizBuilderPage({ params }: { params: Promise<{ workspace: string; quizId: string }> }) {
  const { workspace: slug, quizId } = await params;
  const { db, workspace, member } = await requireMember(slug);
  let editing;
  try {
    editing = await getQuizForEditing(db, workspace.id, quizId);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
  const { quiz, definition, versions } = editing;
  const published = versions.find((v) => v.id === quiz.publishedVersionId) ?? null;
  const base = `/w/${workspace.slug}/quizzes`;
  const pt = previewToken(workspace.linkSecret, quiz.id);
  return (
    <div className="grid gap-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={base} className="text-brand underline underline-offset-4">
          Quizzes
        </Link>
        <span aria-hidden="true" className="px-1.5 text-muted-foreground">
          /
        </span>
        <span aria-current="page">{quiz.name}</span>
      </nav>
      <h1 className="sr-only">Edit {quiz.name}</h1>
      <QuizBuilder
        quiz={{ id: quiz.id, slug: quiz.slug, name: quiz.name, status: quiz.status, revision: quiz.draftRevision, publishedVersion: published?.version ?? null }}
        initial={definition}
        unpublishedChanges={editing.unpublishedChanges}
        traits={editing.traits}
        purposes={[...editing.purposes]}
        previewUrl={`/q/${workspace.slug}/${quiz.slug}/preview?pt=${encodeURIComponent(pt)}`}
        hostedUrl={`/q/${workspace.slug}/${quiz.slug}`}
        responsesUrl={`${base}/${quiz.id}/responses`}
        canEdit={roleAtLeast(member.role, "editor")}
        canArchive={roleAtLeast(member.role, "admin")}
        save={saveDraftAction.bind(null, workspace.slug)}
        publish={publishAction.bind(null, workspace.slug)}
        archive={archiveQuizAction.bind(null, workspace.slug)}
      />
      {versions.length ? (
        <section aria-labelledby="versions-title" className="grid gap-2">
          <h2 id="versions-title" className="text-base font-semibold">
            Published versions
          </h2>
          <p className="text-sm text-muted-foreground">Versions never change: every response keeps pointing to the one it answered.</p>
          <ul className="grid gap-1 text-sm">
            {versions.map((v) => (
              <li key={v.id}>
                <Link href={`${base}/${quiz.id}/responses?version=${v.version}`} className="text-brand underline underline-offset-4">
                  Version {v.version}
                </Link>{" "}
                <span className="text-muted-foreground">
                  · {when.format(v.publishedAt)} UTC{v.publishedBy ? ` · by ${v.publishedBy}` : ""}
                  {v.id === quiz.publishedVersionId ? " · live" : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
