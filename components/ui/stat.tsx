import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

/** One figure with its label, as a description-list pair (read as "Members: 3"). */
export function Stat({ label, value, hint, className }: { label: string; value: ReactNode; hint?: ReactNode; className?: string }) {
  return (
    <div className={cn("rounded-lg border border-border bg-background p-5 shadow-sm", className)}>
      <dt className="text-sm font-medium text-muted-foreground">{label}</dt>
      <dd className="mt-1 text-3xl font-semibold tracking-tight text-foreground tabular-nums">{value}</dd>
      {hint ? <dd className="mt-1 text-sm text-muted-foreground">{hint}</dd> : null}
    </div>
  );
}
