import { expect } from "@playwright/test";

export const SINK = `http://127.0.0.1:${process.env.SMTP_SINK_HTTP_PORT ?? 2526}`;

export interface SinkMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  receivedAt: string;
}

/**
 * Wait for the newest mail to `to` (optionally matching a subject, and received at or after
 * `since` so an older mail to the same address is never mistaken for the awaited one).
 */
export async function waitForMail(to: string, subject?: RegExp, timeoutMs = 15_000, since?: Date): Promise<SinkMail> {
  let found: SinkMail | undefined;
  await expect
    .poll(
      async () => {
        const res = await fetch(`${SINK}/messages?to=${encodeURIComponent(to)}`);
        const list = (await res.json()) as SinkMail[];
        found = list.find((m) => (!subject || subject.test(m.subject)) && (!since || new Date(m.receivedAt) >= since));
        return !!found;
      },
      { timeout: timeoutMs, message: `mail to ${to}` },
    )
    .toBe(true);
  return found!;
}

/** The first link in a mail's text part that starts with `prefix`. */
export function linkIn(mail: SinkMail, prefix: string): string {
  const match = mail.text.match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[^\\s>)"]+`));
  if (!match) throw new Error(`no link starting with ${prefix} in mail "${mail.subject}":\n${mail.text}`);
  return match[0];
}
