import { change } from "@/lib/analytics/range";
import { formatChange } from "./format";

/** A headline figure with its change against the previous period (when compared). */
export function Kpi({ label, value, change, previous, hint }: { label: string; value: string; change?: number | null; previous?: string | null; hint?: string }) {
  const delta = formatChange(change);
  return (
    <div className="rounded-lg border border-border bg-background p-4 shadow-sm">
      <dt className="text-sm font-medium text-muted-foreground">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tracking-tight text-foreground tabular-nums">{value}</dd>
      {previous !== undefined && previous !== null ? (
        <dd className="mt-1 text-sm text-muted-foreground">
          {delta ? <span className="font-medium text-foreground">{delta}</span> : null} {delta ? "vs" : "Previous period:"} {previous}
          {delta ? " before" : ""}
        </dd>
      ) : hint ? (
        <dd className="mt-1 text-sm text-muted-foreground">{hint}</dd>
      ) : null}
    </div>
  );
}

/**
 * A Kpi's value, change and previous figure from the two periods' numbers: `previous` is undefined
 * when the page does not compare, null when it does and the previous period has no value.
 */
export function compared<T extends number | null>(current: T, previous: T | undefined, format: (v: T) => string) {
  return {
    value: format(current),
    change: previous === undefined ? null : change(current, previous),
    previous: previous === undefined ? null : format(previous),
  };
}
