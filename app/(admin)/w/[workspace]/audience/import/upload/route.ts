import { authorizeMember } from "@/lib/auth/guards";
import { AppError, toAppError } from "@/lib/core/errors";
import { enqueue } from "@/lib/jobs/boss";
import { createImportJob, MAX_IMPORT_BYTES } from "@/lib/profiles/import/service";

// POST /w/{workspace}/audience/import/upload — a multipart CSV upload (a route, not a server action,
// because files go up to 10 MB); answers with a redirect to the job, or back with the error.
export async function POST(request: Request, ctx: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await ctx.params;
  const back = (query: string) => Response.redirect(new URL(`/w/${encodeURIComponent(slug)}/audience/import?${query}`, request.url), 303);
  try {
    // Cookie-authenticated POST: only our own pages may send it.
    const origin = request.headers.get("origin");
    if (!origin || new URL(origin).host !== new URL(request.url).host) throw new AppError("forbidden", "Upload from the import page");
    if (Number(request.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES + 64 * 1024) throw new AppError("payload_too_large", "The file may be at most 10 MB");
    const { db, workspace, actor } = await authorizeMember(slug, "editor");
    const form = await request.formData().catch(() => {
      throw new AppError("bad_request", "The upload could not be read");
    });
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw new AppError("validation_failed", "Choose a CSV file to import");
    const job = await createImportJob(db, workspace.id, { fileName: file.name, csv: await file.text() }, actor);
    await enqueue("audience.import", { jobId: job.id }, { singletonKey: job.id });
    return Response.redirect(new URL(`/w/${workspace.slug}/audience/import/${job.id}`, request.url), 303);
  } catch (err) {
    const e = toAppError(err);
    if (e.code === "internal") console.error("[import upload]", err);
    const detail = e.fields.length > 1 ? `${e.message} (and ${e.fields.length - 1} more)` : e.message;
    return back(`error=${encodeURIComponent(detail)}`);
  }
}
