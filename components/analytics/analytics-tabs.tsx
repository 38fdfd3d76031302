"use client";

import { useSearchParams } from "next/navigation";
import { TabLinks } from "@/components/ui/tab-links";

const carried = ["from", "to", "compare"];

/** The analytics sections as tabs that keep the chosen date range from one section to the next. */
export function AnalyticsTabs({ base, items }: { base: string; items: { path: string; label: string }[] }) {
  const search = useSearchParams();
  const q = new URLSearchParams();
  for (const k of carried) {
    const v = search.get(k);
    if (v) q.set(k, v);
  }
  return (
    <TabLinks
      label="Analytics sections"
      items={items.map((item) => ({ href: item.path ? `${base}/${item.path}` : base, label: item.label }))}
      query={q.toString() ? `?${q.toString()}` : ""}
    />
  );
}
