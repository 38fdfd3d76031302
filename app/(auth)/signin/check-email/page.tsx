import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { env } from "@/lib/core/env";
import { MAGIC_LINK_MAX_AGE_SECONDS } from "@/lib/auth/config";

export const metadata: Metadata = { title: "Check your email" };

export default async function CheckEmailPage() {
  // Read the configuration at request time: SMTP_URL may differ between build and run.
  await connection();
  const e = env();
  const devMailbox = !e.SMTP_URL && e.NODE_ENV !== "production";
  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold tracking-tight">Check your email</h1>
      </CardHeader>
      <CardContent className="grid gap-4 text-sm">
        <p>
          We sent a sign-in link to the address you entered. Open it on this device to sign in. The link works once and expires in{" "}
          {MAGIC_LINK_MAX_AGE_SECONDS / 60} minutes.
        </p>
        <p className="text-muted-foreground">Nothing there? Check your spam folder, or ask for a new link.</p>
        {devMailbox ? (
          <Alert tone="info" title="No SMTP server is configured">
            The email was not sent; it is in the{" "}
            <Link href="/dev/mailbox" className="font-medium underline underline-offset-2">
              development mailbox
            </Link>{" "}
            and in the server log.
          </Alert>
        ) : null}
        <p>
          <Link href="/signin" className="font-medium text-brand underline-offset-4 hover:underline">
            Use a different email address
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
