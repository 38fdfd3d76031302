import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <main id="main" className="mx-auto flex min-h-[60dvh] max-w-md flex-col items-center justify-center px-6 text-center">
      <p className="text-sm font-semibold text-brand">403</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">You do not have access to this page</h1>
      <p className="mt-2 text-sm text-muted-foreground">
        Your role in this workspace does not include this area. An owner or admin can change your role in Settings → Members.
      </p>
      <Link href="/w" className={buttonClasses("secondary", "md", "mt-6")}>
        Back to your workspace
      </Link>
    </main>
  );
}
