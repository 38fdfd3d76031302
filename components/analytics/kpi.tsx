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
