import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import Link from "next/link";
import { env } from "@/lib/core/env";

// Development only: in production this whole section answers 404, even to signed-in owners.
export default function DevMailboxLayout({ children }: { children: ReactNode }) {
  if (env().NODE_ENV === "production") notFound();
  return (
    <div className="min-h-dvh bg-muted/60">
      <header className="border-b border-border bg-background">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3">
          <Link href="/dev/mailbox" className="text-base font-semibold">
            Dev mailbox
          </Link>
          <p className="text-sm text-muted-foreground">Mail Candor would have sent. Shown only outside production.</p>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
