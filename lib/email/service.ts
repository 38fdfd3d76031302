import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { outboundMail, type MailStatus } from "@/lib/db/schema";
import { newId } from "@/lib/core/ids";
import { env } from "@/lib/core/env";
import { systemClock, type Clock } from "@/lib/core/clock";
import type { EmailContent } from "./render";
import { getMailTransport, type MailTransport } from "./transport";
import { findMail } from "./queries";

export interface SendMailInput extends EmailContent {
  /** What the mail is ("auth.magic_link", "member.invitation"): for the mailbox and erasure. */
  kind: string;
  to: string;
  workspaceId?: string | null;
  profileId?: string | null;
  headers?: Record<string, string>;
  /**
   * Values (sign-in or invitation tokens) that must not rest in the database once the mail
   * goes out over SMTP. Such mail is stored redacted and is never retried from the queue.
   */
  secrets?: string[];
}

export interface MailDeps {
  transport?: MailTransport;
  clock?: Clock;
  /** Schedules a delivery retry; defaults to the "mail.send" pg-boss queue. */
  enqueueRetry?: (mailId: string) => Promise<void>;
}

export interface MailResult {
  id: string;
  status: MailStatus;
  error: string | null;
}

const REDACTED = "[redacted]";

function redact(value: string, secrets: string[]): string {
  return secrets.filter((s) => s.length > 0).reduce((out, s) => out.replaceAll(s, REDACTED), value);
}

async function defaultEnqueueRetry(mailId: string): Promise<void> {
  const { enqueue } = await import("@/lib/jobs/boss");
  await enqueue("mail.send", { mailId }, { singletonKey: mailId });
}

/** A message safe to put in the log and the database: errors from SMTP servers can be long. */
function describeError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.slice(0, 500);
}

/**
 * Record a mail and deliver it now. Without SMTP_URL it lands in the dev mailbox and the log.
 * Delivery failures do not throw: the row says `failed`, and mail without secrets is queued
 * for retry, so a flaky SMTP server never breaks the action that sent the mail.
 */
export async function sendMail(db: Db, input: SendMailInput, deps: MailDeps = {}): Promise<MailResult> {
  const transport = deps.transport ?? (await getMailTransport());
  const clock = deps.clock ?? systemClock;
  const secrets = input.secrets ?? [];
  // The dev mailbox exists to show the working link; real mail keeps no usable token at rest.
  const keep = transport.kind === "smtp" && secrets.length ? (s: string) => redact(s, secrets) : (s: string) => s;
  const id = newId("mail", clock.now().getTime());
  await db.insert(outboundMail).values({
    id,
    workspaceId: input.workspaceId ?? null,
    profileId: input.profileId ?? null,
    kind: input.kind,
    to: input.to,
    subject: input.subject,
    text: keep(input.text),
    html: keep(input.html),
    transport: transport.kind,
    status: "queued",
    createdAt: clock.now(),
  });
  const result = await deliver(db, id, transport, input, clock);
  if (result.status === "failed" && secrets.length === 0) {
    await (deps.enqueueRetry ?? defaultEnqueueRetry)(id).catch((err: unknown) =>
      console.error(`[mail] could not queue a retry for ${id}:`, describeError(err)),
    );
  }
  return result;
}

async function deliver(
  db: Db,
  id: string,
  transport: MailTransport,
  message: { to: string; subject: string; text: string; html: string; headers?: Record<string, string> },
  clock: Clock,
): Promise<MailResult> {
  try {
    const { providerMessageId } = await transport.send({
      from: env().MAIL_FROM,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      ...(message.headers ? { headers: message.headers } : {}),
    });
    const status: MailStatus = transport.kind === "smtp" ? "sent" : "stored";
    await db
      .update(outboundMail)
      .set({ status, error: null, providerMessageId: providerMessageId ?? null, sentAt: clock.now() })
      .where(eq(outboundMail.id, id));
    return { id, status, error: null };
  } catch (err) {
    const error = describeError(err);
    console.error(`[mail] delivery of ${id} to ${message.to} failed: ${error}`);
    await db.update(outboundMail).set({ status: "failed", error }).where(eq(outboundMail.id, id));
    return { id, status: "failed", error };
  }
}

/**
 * Deliver a recorded mail that has not gone out yet (the "mail.send" job). Idempotent: mail
 * already sent or stored is left alone. Throws on failure so the queue retries with backoff.
 */
export async function deliverQueuedMail(db: Db, mailId: string, deps: Omit<MailDeps, "enqueueRetry"> = {}): Promise<MailResult> {
  const row = await findMail(db, mailId);
  if (!row) throw new Error(`mail ${mailId} not found`);
  if (row.status === "sent" || row.status === "stored") return { id: row.id, status: row.status, error: null };
  if (row.text.includes(REDACTED) || row.html.includes(REDACTED)) {
    // Its secret was never stored, so it cannot be rebuilt; the person asks for a new link instead.
    return { id: row.id, status: row.status, error: row.error };
  }
  const transport = deps.transport ?? (await getMailTransport());
  const result = await deliver(db, row.id, transport, row, deps.clock ?? systemClock);
  if (result.status === "failed") throw new Error(result.error ?? "delivery failed");
  return result;
}

/** Record a mail without secrets and leave delivery to the "mail.send" queue (call after commit). */
export async function queueMail(db: Db, input: Omit<SendMailInput, "secrets">, deps: Pick<MailDeps, "enqueueRetry" | "clock" | "transport"> = {}) {
  const transport = deps.transport ?? (await getMailTransport());
  const clock = deps.clock ?? systemClock;
  const id = newId("mail", clock.now().getTime());
  await db.insert(outboundMail).values({
    id,
    workspaceId: input.workspaceId ?? null,
    profileId: input.profileId ?? null,
    kind: input.kind,
    to: input.to,
    subject: input.subject,
    text: input.text,
    html: input.html,
    transport: transport.kind,
    status: "queued",
    createdAt: clock.now(),
  });
  await (deps.enqueueRetry ?? defaultEnqueueRetry)(id);
  return { id };
}
