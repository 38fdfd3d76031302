import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** 403 inside the workspace shell: the navigation stays, so people can go elsewhere. */
export default function WorkspaceForbidden() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-brand">403</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">You do not have access to this page</h1>
      <p className="mt-2 text-sm text-muted-foreground">
        Your role in this workspace does not include this area. An owner or admin can change your role in Settings → Members.
      </p>
      <Link href="/w" className={buttonClasses("secondary", "md", "mt-6")}>
        Back to the overview
      </Link>
    </div>
  );
}
