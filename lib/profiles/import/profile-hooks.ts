import { and, eq, isNotNull, sql } from "drizzle-orm";
import { importJobs } from "@/lib/db/schema";
import type { ProfileDataHooks } from "../data-hooks";

/** A file still waiting to be imported may hold the erased person: their lines are blanked (and then skipped). */
export const importProfileHooks: ProfileDataHooks = {
  name: "imports",

  async erase(tx, s) {
    const needles = [s.email, s.externalId].filter((n): n is string => !!n);
    if (!needles.length) return;
    const jobs = await tx
      .select({ id: importJobs.id, csv: importJobs.csv })
      .from(importJobs)
      .where(and(eq(importJobs.workspaceId, s.workspaceId), isNotNull(importJobs.csv), sql`${importJobs.status} in ('queued', 'running')`));
    for (const job of jobs) {
      const lines = job.csv!.split(/\r?\n/);
      const kept = lines.map((line, i) => (i > 0 && needles.some((n) => line.toLowerCase().includes(n.toLowerCase())) ? "" : line));
      if (kept.some((l, i) => l !== lines[i])) {
        await tx.update(importJobs).set({ csv: kept.join("\n") }).where(and(eq(importJobs.workspaceId, s.workspaceId), eq(importJobs.id, job.id)));
      }
    }
  },
};
