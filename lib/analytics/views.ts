import "server-only";
import { randomInt } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { quizViewCounts } from "@/lib/db/schema";
import { systemClock, type Clock } from "@/lib/core/clock";

/** How many rows a quiz's views for one day and set of dimensions are spread over. */
export const VIEW_SHARDS = 8;

export interface QuizView {
  workspaceId: string;
  quizId: string;
  versionId: string;
  channel: "hosted" | "embed";
  device: string;
  utmSource?: string;
}

/**
 * Count one view of a quiz's start screen: one upsert of a per-day counter, no row per view.
 * The shard is random so concurrent views of a busy quiz rarely wait on the same row lock.
 */
export async function countQuizView(db: Db, view: QuizView, clock: Clock = systemClock): Promise<void> {
  const day = clock.now().toISOString().slice(0, 10);
  await db
    .insert(quizViewCounts)
    .values({
      workspaceId: view.workspaceId,
      quizId: view.quizId,
      versionId: view.versionId,
      day,
      channel: view.channel,
      device: view.device,
      utmSource: (view.utmSource ?? "").slice(0, 200),
      shard: randomInt(VIEW_SHARDS),
      views: 1,
    })
    .onConflictDoUpdate({
      target: [
        quizViewCounts.workspaceId,
        quizViewCounts.quizId,
        quizViewCounts.day,
        quizViewCounts.versionId,
        quizViewCounts.channel,
        quizViewCounts.device,
        quizViewCounts.utmSource,
        quizViewCounts.shard,
      ],
      set: { views: sql`${quizViewCounts.views} + 1` },
    });
}

/**
 * For the public page: count without making the person wait for it. A view that fails to count
 * is logged, never an error page.
 */
export function countQuizViewInBackground(db: Db, view: QuizView): void {
  countQuizView(db, view).catch((err: unknown) => console.error("[analytics] quiz view not counted:", err instanceof Error ? err.message : err));
}
