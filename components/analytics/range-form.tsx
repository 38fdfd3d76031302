import Link from "next/link";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Button } from "@/components/ui/button";

export interface RangeFormProps {
  action: string;
  from: string;
  to: string;
  compare: boolean;
  /** Filters the page keeps (quiz, version, segment). */
  keep?: Record<string, string | undefined>;
  errors?: { from?: string; to?: string };
  /** Quick ranges: label → { from, to }. */
  presets: { label: string; from: string; to: string }[];
}

/** The date range and comparison of an analytics page: a GET form, so it works without JavaScript and the URL is shareable. */
export function RangeForm({ action, from, to, compare, keep = {}, errors = {}, presets }: RangeFormProps) {
  const href = (p: { from: string; to: string }) => {
    const q = new URLSearchParams({ from: p.from, to: p.to, ...(compare ? { compare: "1" } : {}) });
    for (const [k, v] of Object.entries(keep)) if (v) q.set(k, v);
    return `${action}?${q.toString()}`;
  };
  return (
    <form method="get" action={action} className="grid gap-3 rounded-lg border border-border bg-background p-4 sm:flex sm:flex-wrap sm:items-end" aria-label="Date range">
      {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <div className="grid gap-1.5">
        <Label htmlFor="range-from">From</Label>
        <Input id="range-from" name="from" type="date" defaultValue={from} required aria-invalid={errors.from ? true : undefined} aria-describedby={errors.from ? "range-from-error" : undefined} className="sm:w-44" />
        {errors.from ? (
          <p id="range-from-error" className="text-sm font-medium text-danger">
            {errors.from}
          </p>
        ) : null}
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="range-to">To</Label>
        <Input id="range-to" name="to" type="date" defaultValue={to} required aria-invalid={errors.to ? true : undefined} aria-describedby={errors.to ? "range-to-error" : undefined} className="sm:w-44" />
        {errors.to ? (
          <p id="range-to-error" className="text-sm font-medium text-danger">
            {errors.to}
          </p>
        ) : null}
      </div>
      <label className="flex min-h-10 items-center gap-2 text-sm">
        <input type="checkbox" name="compare" value="1" defaultChecked={compare} className="h-4 w-4" />
        Compare with the previous period
      </label>
      <Button type="submit">Apply</Button>
      <nav aria-label="Quick ranges" className="flex flex-wrap gap-x-3 gap-y-1 text-sm sm:ml-auto">
        {presets.map((p) => (
          <Link key={p.label} href={href(p)} className="underline underline-offset-2 hover:text-foreground">
            {p.label}
          </Link>
        ))}
      </nav>
    </form>
  );
}
