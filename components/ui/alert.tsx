import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "@/lib/utils";

const tones = {
  info: "border-sky-300 bg-sky-50 text-sky-950",
  success: "border-green-300 bg-green-50 text-green-950",
  warning: "border-amber-300 bg-amber-50 text-amber-950",
  danger: "border-red-300 bg-red-50 text-red-950",
} as const;

export type AlertTone = keyof typeof tones;

/**
 * A callout. `live` makes it a live region (role=alert for danger, status otherwise) for
 * messages that appear after an action; leave it off for static page notes.
 */
export function Alert({
  tone = "info",
  title,
  live = false,
  className,
  children,
  ...props
}: Omit<HTMLAttributes<HTMLDivElement>, "title"> & { tone?: AlertTone; title?: ReactNode; live?: boolean }) {
  const role = live ? (tone === "danger" ? "alert" : "status") : undefined;
  return (
    <div role={role} className={cn("rounded-md border px-4 py-3 text-sm", tones[tone], className)} {...props}>
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={cn(title ? "mt-1" : "")}>{children}</div> : null}
    </div>
  );
}
