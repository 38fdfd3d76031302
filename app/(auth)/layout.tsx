import Link from "next/link";
import type { ReactNode } from "react";
import { CandorMark } from "@/components/brand/candor-mark";

/** Sign-in, invitations and other pages for people who are not inside a workspace yet. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col bg-muted/60">
      <header className="px-6 py-5">
        <Link href="/" className="inline-flex items-center gap-2 rounded-md text-base font-semibold text-foreground">
          <CandorMark className="h-7 w-7" />
          Candor
        </Link>
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 pt-6 pb-16 sm:items-center sm:pt-0">
        <div className="w-full max-w-md">{children}</div>
      </main>
    </div>
  );
}
