import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { deliverQueuedMail } from "./service";

const mailSendJob = z.object({ mailId: z.string().regex(/^msg_[0-9a-z]{26}$/) });

/**
 * Handler for the "mail.send" queue: delivers one recorded mail. A malformed job is dropped
 * (retrying cannot fix it); a delivery failure throws so pg-boss retries with backoff.
 */
export async function handleMailSendJob(db: Db, data: Record<string, unknown>): Promise<void> {
  const parsed = mailSendJob.safeParse(data);
  if (!parsed.success) {
    console.error("[mail] dropping a mail.send job without a valid mailId");
    return;
  }
  await deliverQueuedMail(db, parsed.data.mailId);
}
