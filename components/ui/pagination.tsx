import Link from "next/link";
import { cn } from "@/lib/utils";
import { buttonClasses } from "./button";

/**
 * Previous / next links for cursor-paginated lists (hrefs built by the page). A missing
 * href renders a disabled control so the layout does not jump.
 */
export function Pagination({
  label = "Pagination",
  previousHref,
  nextHref,
  summary,
  className,
}: {
  label?: string;
  previousHref?: string | null;
  nextHref?: string | null;
  summary?: string;
  className?: string;
}) {
  return (
    <nav aria-label={label} className={cn("flex items-center justify-between gap-4", className)}>
      <p className="text-sm text-muted-foreground">{summary}</p>
      <ul className="flex gap-2">
        <li>
          {previousHref ? (
            <Link href={previousHref} className={buttonClasses("secondary", "sm")} rel="prev">
              <span aria-hidden="true">←</span> Previous
            </Link>
          ) : (
            <span aria-disabled="true" className={buttonClasses("secondary", "sm", "opacity-50")}>
              <span aria-hidden="true">←</span> Previous
            </span>
          )}
        </li>
        <li>
          {nextHref ? (
            <Link href={nextHref} className={buttonClasses("secondary", "sm")} rel="next">
              Next <span aria-hidden="true">→</span>
            </Link>
          ) : (
            <span aria-disabled="true" className={buttonClasses("secondary", "sm", "opacity-50")}>
              Next <span aria-hidden="true">→</span>
            </span>
          )}
        </li>
      </ul>
    </nav>
  );
}
