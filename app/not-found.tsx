import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center px-6 text-center">
      <p className="text-sm font-semibold text-brand">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-sm text-muted-foreground">
        This page does not exist, or you do not have access to it. If someone sent you this link, ask them to invite you.
      </p>
      <Link href="/" className={buttonClasses("secondary", "md", "mt-6")}>
        Go to the start page
      </Link>
    </main>
  );
}
