import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

/** What an area will hold once there is something in it, and how to get there. */
export function EmptyState({
  title,
  description,
  icon,
  action,
  headingLevel = "h2",
  className,
}: {
  title: string;
  description: ReactNode;
  icon?: ReactNode;
  action?: ReactNode;
  headingLevel?: "h2" | "h3";
  className?: string;
}) {
  const Heading = headingLevel;
  return (
    <div className={cn("flex flex-col items-center rounded-lg border border-dashed border-input px-6 py-12 text-center", className)}>
      {icon ? (
        <div aria-hidden="true" className="mb-4 flex h-12 w-12 items-center justify-center rounded-full bg-brand/10 text-brand">
          {icon}
        </div>
      ) : null}
      <Heading className="text-base font-semibold text-foreground">{title}</Heading>
      <div className="mt-2 max-w-md text-sm text-muted-foreground">{description}</div>
      {action ? <div className="mt-6">{action}</div> : null}
    </div>
  );
}
