import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { getDb } from "@/lib/db/client";
import { listRecentMail } from "@/lib/email/queries";
import { env } from "@/lib/core/env";

export const metadata: Metadata = { title: "Dev mailbox" };
export const dynamic = "force-dynamic";

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });
const statusTone = { stored: "neutral", sent: "success", queued: "warning", failed: "danger" } as const;

export default async function DevMailboxPage() {
  const mail = await listRecentMail(await getDb(), { limit: 100 });
  return (
    <div className="grid grid-cols-1 gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Mailbox</h1>
      {env().SMTP_URL ? (
        <p className="text-sm text-muted-foreground">SMTP_URL is set, so mail really goes out; copies with sign-in tokens are stored redacted.</p>
      ) : null}
      {mail.length === 0 ? (
        <EmptyState title="No mail yet" description="Ask for a sign-in link or invite someone; the message shows up here." />
      ) : (
        <Card>
          <ul className="divide-y divide-border">
            {mail.map((m) => (
              <li key={m.id}>
                <Link href={`/dev/mailbox/${m.id}`} className="flex flex-col gap-1 px-4 py-3 hover:bg-muted sm:flex-row sm:items-center sm:gap-4">
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium text-foreground">{m.subject}</span>
                    <span className="block truncate text-sm text-muted-foreground">To {m.to}</span>
                  </span>
                  <span className="flex items-center gap-2 text-sm text-muted-foreground">
                    <Badge tone={statusTone[m.status]}>{m.status}</Badge>
                    <time dateTime={m.createdAt.toISOString()}>{when.format(m.createdAt)}</time>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
