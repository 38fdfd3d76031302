import "server-only";
import type { MailTransport as TransportKind } from "@/lib/db/schema/email";
import { env } from "@/lib/core/env";

export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** Where mail goes: an SMTP server, or (without SMTP_URL) the dev mailbox and the log. */
export interface MailTransport {
  kind: TransportKind;
  send(message: OutgoingMessage): Promise<{ providerMessageId?: string }>;
}

/** Nodemailer over an smtp:// or smtps:// URL (credentials in the URL). */
export async function createSmtpTransport(url: string): Promise<MailTransport> {
  const { createTransport } = await import("nodemailer");
  // Bounded timeouts: a stuck SMTP server must not hold a sign-in request for minutes.
  const transporter = createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return {
    kind: "smtp",
    async send(message) {
      const info = await transporter.sendMail(message);
      const failed = [...(info.rejected ?? []), ...(info.pending ?? [])].filter(Boolean);
      if (failed.length) throw new Error(`The SMTP server did not accept ${failed.length} recipient(s)`);
      return { providerMessageId: info.messageId };
    },
  };
}

/** Keeps mail in the database (the dev mailbox) and prints it, so links are usable without SMTP. */
export const devTransport: MailTransport = {
  kind: "dev",
  async send(message) {
    const appUrl = env().APP_URL;
    console.info(
      `[mail] not sent (no SMTP_URL); kept in the dev mailbox at ${appUrl}/dev/mailbox\n` +
        `  to: ${message.to}\n  subject: ${message.subject}\n` +
        message.text
          .trimEnd()
          .split("\n")
          .map((line) => `  | ${line}`)
          .join("\n"),
    );
    return {};
  },
};

const globalForMail = globalThis as unknown as { __candorMailTransport?: Promise<MailTransport> };

/** The configured transport, created once per process. */
export function getMailTransport(): Promise<MailTransport> {
  globalForMail.__candorMailTransport ??= (async () => {
    const url = env().SMTP_URL;
    return url ? createSmtpTransport(url) : devTransport;
  })();
  return globalForMail.__candorMailTransport;
}
