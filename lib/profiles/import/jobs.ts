import "server-only";
import { registerJobHandler } from "@/lib/jobs/worker";
import { runImportJob } from "./service";

/** Workers run queued CSV imports; a retried job resumes after the last committed row. */
export function registerJobs(): void {
  registerJobHandler("audience.import", (db, data) => runImportJob(db, String(data.jobId)));
}
