"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

export interface TabLink {
  href: string;
  label: string;
  /** "prefix" marks the link current on its sub-pages too. */
  match?: "exact" | "prefix";
}

/**
 * Navigation between sub-pages that looks like tabs; the current page is marked with aria-current.
 * `query` is appended to every link, e.g. `?from=…&to=…` to keep a filter from one tab to the next.
 */
export function TabLinks({ label, items, className, query = "" }: { label: string; items: TabLink[]; className?: string; query?: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className={cn("overflow-x-auto border-b border-border", className)}>
      <ul className="flex gap-1">
        {items.map((item) => {
          const current = item.match === "prefix" ? pathname === item.href || pathname.startsWith(`${item.href}/`) : pathname === item.href;
          return (
            <li key={item.href}>
              <Link
                href={item.href + query}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "-mb-px inline-block border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-muted-foreground hover:text-foreground",
                  current && "border-brand text-foreground",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
