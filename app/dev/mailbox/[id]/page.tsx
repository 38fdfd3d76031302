import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { getDb } from "@/lib/db/client";
import { findMail } from "@/lib/email/queries";

export const metadata: Metadata = { title: "Dev mailbox message" };

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** Plain text with its URLs as real links, so a sign-in link is one click away. */
function LinkedText({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <pre className="font-sans text-sm break-words whitespace-pre-wrap">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} className="text-brand underline underline-offset-2 break-all">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}

export default async function DevMailPage({ params }: { params: Promise<{ id: string }> }) {
  const mail = await findMail(await getDb(), (await params).id);
  if (!mail) notFound();
  return (
    <div className="grid grid-cols-1 gap-4">
      <Link href="/dev/mailbox" className="text-sm font-medium text-brand underline-offset-4 hover:underline">
        ← All mail
      </Link>
      <Card>
        <CardHeader>
          <h1 className="text-xl font-semibold tracking-tight">{mail.subject}</h1>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-muted-foreground">To</dt>
            <dd>{mail.to}</dd>
            <dt className="text-muted-foreground">Kind</dt>
            <dd className="font-mono text-xs leading-5">{mail.kind}</dd>
            <dt className="text-muted-foreground">Status</dt>
            <dd>
              <Badge>{mail.status}</Badge> <span className="text-muted-foreground">via {mail.transport}</span>
              {mail.error ? <span className="ml-2 text-danger">{mail.error}</span> : null}
            </dd>
          </dl>
        </CardHeader>
        <CardContent>
          <Tabs defaultValue="text">
            <TabsList aria-label="Message format">
              <TabsTrigger value="text">Text</TabsTrigger>
              <TabsTrigger value="html">HTML</TabsTrigger>
            </TabsList>
            <TabsContent value="text">
              <LinkedText text={mail.text} />
            </TabsContent>
            <TabsContent value="html">
              {/* Sandboxed: the mail's HTML cannot run script or touch this page; links open a new tab. */}
              <iframe
                title={`HTML version of “${mail.subject}”`}
                srcDoc={mail.html}
                sandbox="allow-popups allow-popups-to-escape-sandbox"
                className="h-[36rem] w-full rounded-md border border-border bg-white"
              />
            </TabsContent>
          </Tabs>
        </CardContent>
      </Card>
    </div>
  );
}
