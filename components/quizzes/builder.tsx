"use client";

import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Textarea } from "@/components/ui/textarea";
import { quizDefinition, questionTypes, type Question, type QuizDefinition } from "@/lib/quizzes/definition";
import { moveItem, newQuestion, questionTypeLabel, renameKey, tidy } from "@/lib/quizzes/edit";
import { validateDefinition, type TraitSpec, type ValidationIssue } from "@/lib/quizzes/validate";
import type { BuilderResult } from "./builder-types";
import { QuestionEditor } from "./question-editor";
import { QuestionList } from "./question-list";
import { EndingsPane, SettingsPane, TranslationsPane, localeName } from "./quiz-panes";

export interface BuilderProps {
  quiz: { id: string; slug: string; name: string; status: "active" | "archived"; revision: number; publishedVersion: number | null };
  initial: QuizDefinition;
  /** Whether the saved draft differs from the live version. */
  unpublishedChanges: boolean;
  traits: Record<string, TraitSpec>;
  purposes: string[];
  /** The live preview's URL (signed); `&q=` picks the question shown. */
  previewUrl: string;
  hostedUrl: string;
  responsesUrl: string;
  canEdit: boolean;
  canArchive: boolean;
  save: (input: { quizId: string; revision: number; name?: string; definition: unknown }) => Promise<BuilderResult>;
  publish: (input: { quizId: string; revision: number }) => Promise<BuilderResult>;
  archive: (quizId: string, archived: boolean) => Promise<BuilderResult>;
}

type Status = { tone: "success" | "danger" | "warning" | "info"; text: string; conflict?: boolean } | null;

const AUTOSAVE_MS = 1500;

/** Which question or ending an issue's path points at. */
function issueTarget(path: string): { question?: number; ending?: number } {
  const q = /^questions\.(\d+)/.exec(path);
  if (q) return { question: Number(q[1]) };
  const e = /^endings\.(\d+)/.exec(path);
  if (e) return { ending: Number(e[1]) };
  return {};
}

/**
 * The quiz builder: questions (reorder by drag or keyboard), options with trait rules, branching,
 * endings, languages and hidden fields; validated as you type, saved as a draft with the revision
 * it started from (a second editor gets a conflict, never a silent overwrite), previewed live in
 * the real runtime, and published as an immutable version.
 */
export function QuizBuilder(props: BuilderProps) {
  const [def, setDef] = useState<QuizDefinition>(props.initial);
  const [name, setName] = useState(props.quiz.name);
  const [revision, setRevision] = useState(props.quiz.revision);
  const [savedJson, setSavedJson] = useState(() => JSON.stringify(tidy(props.initial)) + props.quiz.name);
  const [selected, setSelected] = useState<number | null>(props.initial.questions.length ? 0 : null);
  const [tab, setTab] = useState("questions");
  const [locale, setLocale] = useState(props.initial.defaultLocale);
  const [status, setStatus] = useState<Status>(null);
  const [conflict, setConflict] = useState(false);
  const [live, setLive] = useState({ version: props.quiz.publishedVersion, stale: props.unpublishedChanges });
  const [previewNonce, setPreviewNonce] = useState(0);
  const [addType, setAddType] = useState<Question["type"]>("single_choice");
  const [json, setJson] = useState<string | null>(null);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const lastAttempt = useRef<string | null>(null);
  const editable = props.canEdit && props.quiz.status === "active" && !conflict;

  const issues: ValidationIssue[] = useMemo(() => validateDefinition(def, { traits: props.traits, purposes: props.purposes }), [def, props.traits, props.purposes]);
  const errors = issues.filter((i) => i.severity === "error");
  const errorsByQuestion = useMemo(() => {
    const m = new Map<number, number>();
    for (const i of errors) {
      const t = issueTarget(i.path);
      if (t.question !== undefined) m.set(t.question, (m.get(t.question) ?? 0) + 1);
    }
    return m;
  }, [errors]);
  const currentJson = JSON.stringify(tidy(def)) + name;
  const dirty = currentJson !== savedJson;

  const save = useCallback(
    async (manual: boolean) => {
      if (!editable) return;
      const snapshot = currentJson;
      lastAttempt.current = snapshot;
      const result = await props.save({ quizId: props.quiz.id, revision, name, definition: tidy(def) });
      if (result.ok) {
        setRevision(result.revision);
        setSavedJson(snapshot);
        setLive((l) => ({ ...l, stale: true }));
        setPreviewNonce((n) => n + 1);
        if (manual) setStatus({ tone: "success", text: `Draft saved (revision ${result.revision}).` });
        else setStatus((s) => (s?.tone === "danger" ? null : s));
      } else if (result.conflict) {
        setConflict(true);
        setStatus({ tone: "danger", text: result.error, conflict: true });
      } else {
        setStatus({ tone: "danger", text: result.fields.length ? `Not saved: ${result.fields[0]!.path}: ${result.fields[0]!.message}` : result.error });
      }
    },
    [editable, currentJson, props, revision, name, def],
  );

  // Autosave shortly after the last change, so the preview follows and nothing typed is lost.
  useEffect(() => {
    if (!dirty || !editable || lastAttempt.current === currentJson) return;
    const timer = setTimeout(() => startTransition(() => save(false)), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, editable, currentJson, save]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === "s") {
        e.preventDefault();
        startTransition(() => save(true));
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [save]);

  const update = (next: QuizDefinition) => setDef(next);
  const publish = () =>
    startTransition(async () => {
      if (dirty) await save(false);
      const result = await props.publish({ quizId: props.quiz.id, revision });
      if (result.ok && result.published) {
        setLive({ version: result.published.version, stale: false });
        setStatus({ tone: "success", text: result.published.created ? `Published version ${result.published.version}. New runs answer it; earlier responses keep pointing to their version.` : `Nothing changed since version ${result.published.version}.` });
      } else if (!result.ok) {
        setConflict(result.conflict && /revision|changed/.test(result.error));
        setStatus({ tone: "danger", text: result.error, conflict: result.conflict });
      }
    });
  const archive = (archived: boolean) =>
    startTransition(async () => {
      const result = await props.archive(props.quiz.id, archived);
      setStatus(result.ok ? { tone: "info", text: archived ? "Archived: the quiz takes no new answers. Reload to see it." : "Restored. Reload to edit it." } : { tone: "danger", text: result.error });
    });

  const selectedQuestion = selected !== null ? def.questions[selected] : undefined;
  const previewSrc = `${props.previewUrl}${selectedQuestion && tab === "questions" ? `&q=${encodeURIComponent(selectedQuestion.key)}` : ""}&lang=${locale}&n=${previewNonce}`;

  return (
    <div className="grid gap-6">
      <div className="flex flex-col gap-4 lg:flex-row lg:items-end lg:justify-between">
        <div className="grid min-w-0 flex-1 gap-2">
          <Field id="quiz-name" label="Quiz name (only admins see it)">
            <Input value={name} maxLength={120} onChange={(e) => setName(e.target.value)} disabled={!editable} className="max-w-lg" />
          </Field>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            {props.quiz.status === "archived" ? <Badge tone="warning">archived</Badge> : live.version ? <Badge tone="success">live: version {live.version}</Badge> : <Badge>not published</Badge>}
            {live.version && live.stale ? <Badge tone="warning">draft differs from the live version</Badge> : null}
            <span className="text-muted-foreground" aria-live="polite">
              {pending ? "Saving…" : dirty ? "Unsaved changes" : `Draft saved · revision ${revision}`}
            </span>
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          {editable ? (
            <>
              <Button variant="secondary" onClick={() => startTransition(() => save(true))} disabled={pending || !dirty}>
                Save draft
              </Button>
              <Button onClick={publish} disabled={pending || errors.length > 0} aria-describedby={errors.length ? "publish-blocked" : undefined}>
                Publish
              </Button>
            </>
          ) : null}
          <a href={props.responsesUrl} className={buttonClasses("secondary")}>
            Responses
          </a>
          {live.version && props.quiz.status === "active" ? (
            <a href={props.hostedUrl} className={buttonClasses("secondary")} target="_blank" rel="noreferrer">
              Open hosted page
            </a>
          ) : null}
          {props.canArchive ? (
            <Button variant="ghost" onClick={() => archive(props.quiz.status === "active")} disabled={pending}>
              {props.quiz.status === "active" ? "Archive" : "Restore"}
            </Button>
          ) : null}
        </div>
      </div>

      {status ? (
        <Alert tone={status.tone} live title={status.conflict ? "Someone else changed this quiz" : undefined}>
          {status.text}
          {status.conflict ? (
            <div className="mt-2">
              <Button size="sm" variant="secondary" onClick={() => window.location.reload()}>
                Reload their version
              </Button>
            </div>
          ) : null}
        </Alert>
      ) : null}

      {issues.length ? (
        <Card>
          <CardContent className="pt-5">
            <h2 className="text-sm font-semibold" id="publish-blocked">
              {errors.length ? `${errors.length} ${errors.length === 1 ? "problem" : "problems"} to fix before publishing` : "Warnings"}
            </h2>
            <ul className="mt-2 grid gap-1 text-sm">
              {issues.map((issue, i) => {
                const target = issueTarget(issue.path);
                return (
                  <li key={i} className="flex flex-wrap items-baseline gap-2">
                    <Badge tone={issue.severity === "error" ? "danger" : "warning"}>{issue.severity}</Badge>
                    <button
                      type="button"
                      className="text-left text-brand underline-offset-4 hover:underline"
                      onClick={() => {
                        if (target.question !== undefined) {
                          setTab("questions");
                          setSelected(target.question);
                        } else if (target.ending !== undefined) setTab("endings");
                        else setTab("settings");
                      }}
                    >
                      {issue.message}
                    </button>
                    <code className="text-xs text-muted-foreground">{issue.path}</code>
                  </li>
                );
              })}
            </ul>
          </CardContent>
        </Card>
      ) : null}

      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0">
          <div className="mb-3 flex flex-wrap items-center gap-2">
            <label htmlFor="edit-locale" className="text-sm font-medium">
              Editing language
            </label>
            <NativeSelect id="edit-locale" value={locale} onChange={(e) => setLocale(e.target.value)} className="h-8 w-auto">
              {def.locales.map((l) => (
                <option key={l} value={l}>
                  {localeName(l)}
                  {l === def.defaultLocale ? " (default)" : ""}
                </option>
              ))}
            </NativeSelect>
          </div>
          <Tabs value={tab} onValueChange={setTab}>
            <TabsList aria-label="Parts of the quiz">
              <TabsTrigger value="questions">Questions ({def.questions.length})</TabsTrigger>
              <TabsTrigger value="endings">Endings ({def.endings.length})</TabsTrigger>
              <TabsTrigger value="settings">Settings</TabsTrigger>
              <TabsTrigger value="translations">Translations</TabsTrigger>
              <TabsTrigger value="json">JSON</TabsTrigger>
            </TabsList>
            <TabsContent value="questions">
              <fieldset disabled={!editable} className="grid min-w-0 gap-6 lg:grid-cols-[15rem_minmax(0,1fr)]">
                <div className="grid min-w-0 content-start gap-3">
                  <QuestionList
                    def={def}
                    locale={locale}
                    selected={selected}
                    errorsByQuestion={errorsByQuestion}
                    onSelect={setSelected}
                    disabled={!editable}
                    onMove={(from, to) => {
                      update({ ...def, questions: moveItem(def.questions, from, to) });
                      if (selected === from) setSelected(to);
                    }}
                  />
                  <div className="flex flex-wrap items-end gap-2">
                    <Field id="add-type" label="New question" className="min-w-40 flex-1">
                      <NativeSelect value={addType} onChange={(e) => setAddType(e.target.value as Question["type"])}>
                        {questionTypes.map((t) => (
                          <option key={t} value={t}>
                            {questionTypeLabel(t)}
                          </option>
                        ))}
                      </NativeSelect>
                    </Field>
                    <Button
                      variant="secondary"
                      onClick={() => {
                        update({ ...def, questions: [...def.questions, newQuestion(addType, def, def.defaultLocale)] });
                        setSelected(def.questions.length);
                      }}
                    >
                      Add
                    </Button>
                  </div>
                </div>
                <div className="min-w-0">
                  {selectedQuestion ? (
                    <QuestionEditor
                      key={`${selected}-${selectedQuestion.key}`}
                      def={def}
                      index={selected!}
                      locale={locale}
                      traits={props.traits}
                      purposes={props.purposes}
                      onChange={(q) => update({ ...def, questions: def.questions.map((x, i) => (i === selected ? q : x)) })}
                      onRename={(from, to) => update(renameKey(def, from, to))}
                      onRemove={() => {
                        update({ ...def, questions: def.questions.filter((_, i) => i !== selected) });
                        setSelected(def.questions.length > 1 ? Math.max(0, selected! - 1) : null);
                      }}
                    />
                  ) : (
                    <p className="text-sm text-muted-foreground">Add a question to start.</p>
                  )}
                </div>
              </fieldset>
            </TabsContent>
            <TabsContent value="endings">
              <fieldset disabled={!editable} className="min-w-0">
                <EndingsPane def={def} locale={locale} onChange={update} />
              </fieldset>
            </TabsContent>
            <TabsContent value="settings">
              <fieldset disabled={!editable} className="min-w-0">
                <SettingsPane def={def} locale={locale} onChange={update} />
              </fieldset>
            </TabsContent>
            <TabsContent value="translations">
              <fieldset disabled={!editable} className="min-w-0">
                <TranslationsPane def={def} onChange={update} />
              </fieldset>
            </TabsContent>
            <TabsContent value="json">
              <div className="grid gap-2">
                <label htmlFor="quiz-json" className="text-sm font-medium">
                  The whole definition
                </label>
                <Textarea
                  id="quiz-json"
                  rows={20}
                  className="font-mono text-xs"
                  value={json ?? JSON.stringify(tidy(def), null, 2)}
                  onChange={(e) => setJson(e.target.value)}
                  disabled={!editable}
                  aria-describedby={jsonError ? "quiz-json-error" : undefined}
                />
                {jsonError ? (
                  <p id="quiz-json-error" className="text-sm text-danger">
                    {jsonError}
                  </p>
                ) : null}
                {editable ? (
                  <div className="flex gap-2">
                    <Button
                      variant="secondary"
                      disabled={json === null}
                      onClick={() => {
                        try {
                          const parsed = quizDefinition.safeParse(JSON.parse(json ?? ""));
                          if (!parsed.success) return setJsonError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).slice(0, 5).join("; "));
                          setJsonError(null);
                          setJson(null);
                          update(parsed.data);
                          setSelected(parsed.data.questions.length ? 0 : null);
                        } catch {
                          setJsonError("This is not valid JSON");
                        }
                      }}
                    >
                      Apply JSON
                    </Button>
                    <Button variant="ghost" disabled={json === null} onClick={() => (setJson(null), setJsonError(null))}>
                      Discard
                    </Button>
                  </div>
                ) : null}
              </div>
            </TabsContent>
          </Tabs>
        </div>
        <aside aria-labelledby="preview-title" className="grid content-start gap-2 xl:sticky xl:top-4 xl:self-start">
          <h2 id="preview-title" className="text-sm font-semibold">
            Live preview
          </h2>
          <p className="text-xs text-muted-foreground">The real quiz page on the saved draft; answers here are not stored.</p>
          <iframe title="Live preview of the quiz" src={previewSrc} className="h-[40rem] w-full rounded-lg border border-border bg-white" />
        </aside>
      </div>
    </div>
  );
}
