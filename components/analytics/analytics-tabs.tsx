"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { cn } from "@/lib/utils";

const carried = ["from", "to", "compare"];

/** The analytics sections as tabs that keep the chosen date range from one section to the next. */
export function AnalyticsTabs({ base, items }: { base: string; items: { path: string; label: string }[] }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const q = new URLSearchParams();
  for (const k of carried) {
    const v = search.get(k);
    if (v) q.set(k, v);
  }
  const suffix = q.toString() ? `?${q.toString()}` : "";
  return (
    <nav aria-label="Analytics sections" className="overflow-x-auto border-b border-border">
      <ul className="flex gap-1">
        {items.map((item) => {
          const href = item.path ? `${base}/${item.path}` : base;
          const current = pathname === href;
          return (
            <li key={href}>
              <Link
                href={href + suffix}
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
