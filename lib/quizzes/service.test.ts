import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { quizVersions } from "@/lib/db/schema";
import { createWorkspace } from "@/lib/workspaces/service";
import { cliActor, type Actor } from "@/lib/audit/service";
import { quizDefinition } from "./definition";
import { routineQuiz } from "./demo-definitions";
import { ensureDemoQuiz } from "./seed";
import { createQuiz, getPublishedQuiz, getQuizForEditing, listQuizzes, publishQuiz, saveQuizDraft, setQuizArchived } from "./service";

let h: DbHandle;
let ws: string;
let other: string;
const ada: Actor = { type: "user", id: "u_ada", label: "ada@glow.test" };
const bob: Actor = { type: "user", id: "u_bob", label: "bob@glow.test" };

beforeAll(async () => {
  h = await createTestDb();
  ws = (await createWorkspace(h.db, { name: "Glow", slug: "glow-svc" }, cliActor)).id;
  other = (await createWorkspace(h.db, { name: "Other", slug: "other-svc" }, cliActor)).id;
  await ensureDemoQuiz(h.db, ws, "glow");
});
afterAll(async () => {
  await h.close();
});

describe("quiz drafts and versions", () => {
  it("starts a new quiz from a starter that validates, and refuses a taken slug", async () => {
    const quiz = await createQuiz(h.db, ws, { name: "Gift finder", slug: "gift-finder" }, ada);
    const editing = await getQuizForEditing(h.db, ws, quiz.id);
    expect(editing.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(editing.unpublishedChanges).toBe(true);
    await expect(createQuiz(h.db, ws, { name: "Again", slug: "gift-finder" }, ada)).rejects.toMatchObject({
      code: "conflict",
      fields: [{ path: "slug" }],
    });
  });

  it("gives the second of two admins editing one draft a conflict, not a silent overwrite", async () => {
    const quiz = await createQuiz(h.db, ws, { name: "Two editors", slug: "two-editors" }, ada);
    const def = quizDefinition.parse(quiz.draft);
    const adaEdit = { ...def, title: { en: "Ada's title" } };
    const bobEdit = { ...def, title: { en: "Bob's title" } };
    const saved = await saveQuizDraft(h.db, ws, { quizId: quiz.id, revision: quiz.draftRevision, definition: adaEdit }, ada);
    expect(saved.revision).toBe(quiz.draftRevision + 1);
    await expect(saveQuizDraft(h.db, ws, { quizId: quiz.id, revision: quiz.draftRevision, definition: bobEdit }, bob)).rejects.toMatchObject({
      code: "conflict",
      fields: [{ path: "revision" }],
      message: expect.stringContaining("ada@glow.test saved this quiz"),
    });
    const editing = await getQuizForEditing(h.db, ws, quiz.id);
    expect(editing.definition.title).toEqual({ en: "Ada's title" });
  });

  it("publishes an immutable version, reuses it for an unchanged draft, and refuses an invalid draft", async () => {
    const quiz = await createQuiz(h.db, ws, { name: "Versions", slug: "versions" }, ada);
    const first = await publishQuiz(h.db, ws, { quizId: quiz.id, revision: quiz.draftRevision }, ada);
    expect(first).toMatchObject({ created: true, version: { version: 1 } });
    const again = await publishQuiz(h.db, ws, { quizId: quiz.id, revision: quiz.draftRevision }, ada);
    expect(again).toMatchObject({ created: false, version: { id: first.version.id } });

    const broken = { ...quizDefinition.parse(quiz.draft), endings: [] };
    const { revision, issues } = await saveQuizDraft(h.db, ws, { quizId: quiz.id, revision: quiz.draftRevision, definition: broken }, ada);
    expect(issues.map((i) => i.code)).toContain("no_ending");
    await expect(publishQuiz(h.db, ws, { quizId: quiz.id, revision }, ada)).rejects.toMatchObject({
      code: "validation_failed",
      fields: [{ path: "definition.endings" }],
    });
    // What is live did not change.
    const live = await getPublishedQuiz(h.db, ws, "versions");
    expect(live.version.version).toBe(1);
    expect(live.version.definition.endings).toHaveLength(1);
  });

  it("refuses to publish a draft that changed since the editor looked at it", async () => {
    const quiz = await createQuiz(h.db, ws, { name: "Stale", slug: "stale" }, ada);
    await saveQuizDraft(h.db, ws, { quizId: quiz.id, revision: quiz.draftRevision, definition: quizDefinition.parse(quiz.draft) }, bob);
    await expect(publishQuiz(h.db, ws, { quizId: quiz.id, revision: quiz.draftRevision }, ada)).rejects.toMatchObject({ code: "conflict" });
  });

  it("keeps published versions frozen in the database itself", async () => {
    const live = await getPublishedQuiz(h.db, ws, "routine");
    await expect(
      h.db.update(quizVersions).set({ definition: { hacked: true } as never }).where(eq(quizVersions.id, live.version.id)),
    ).rejects.toThrow();
    await expect(h.db.execute(sql`update quiz_versions set version = 99 where id = ${live.version.id}`)).rejects.toThrow();
    expect((await getPublishedQuiz(h.db, ws, "routine")).version.definition).toEqual(quizDefinition.parse(routineQuiz));
  });

  it("refuses drafts of archived quizzes and hides them from the list", async () => {
    const quiz = await createQuiz(h.db, ws, { name: "Old", slug: "old" }, ada);
    await setQuizArchived(h.db, ws, quiz.id, true, ada);
    await expect(
      saveQuizDraft(h.db, ws, { quizId: quiz.id, revision: quiz.draftRevision, definition: quizDefinition.parse(quiz.draft) }, ada),
    ).rejects.toMatchObject({ code: "conflict" });
    expect((await listQuizzes(h.db, ws)).map((x) => x.slug)).not.toContain("old");
    expect((await listQuizzes(h.db, ws, { includeArchived: true })).map((x) => x.slug)).toContain("old");
  });

  it("seeds the demo quiz once, however often the seed runs", async () => {
    const again = await ensureDemoQuiz(h.db, ws, "glow");
    expect((await getQuizForEditing(h.db, ws, again.id)).versions).toHaveLength(1);
  });

  it("answers 404 for another workspace's quiz", async () => {
    const mine = (await listQuizzes(h.db, ws))[0]!;
    await expect(getQuizForEditing(h.db, other, mine.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getPublishedQuiz(h.db, other, "routine")).rejects.toMatchObject({ code: "not_found" });
    await expect(
      saveQuizDraft(h.db, other, { quizId: mine.id, revision: mine.draftRevision, definition: quizDefinition.parse(routineQuiz) }, ada),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
