import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "@/lib/utils";

/** A placeholder block while content loads; decorative, so hidden from assistive tech. */
export function Skeleton({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-muted", className)} {...props} />;
}

/** Announces loading once for screen readers while skeletons show. */
export function LoadingRegion({ label = "Loading…", children }: { label?: string; children: ReactNode }) {
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}
