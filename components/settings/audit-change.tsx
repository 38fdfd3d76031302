/** An audit entry's before → after, one line per field that changed. */
export function AuditChange({ before, after }: { before: unknown; after: unknown }) {
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  if (keys.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <dl className="grid gap-1">
      {keys.map((key) => (
        <div key={key} className="flex flex-wrap items-baseline gap-x-1.5">
          <dt className="font-medium text-foreground">{key}:</dt>
          <dd className="min-w-0 font-mono text-xs break-all">
            {key in b ? <del className="text-danger decoration-danger/60">{show(b[key])}</del> : null}
            {key in b && key in a ? (
              <span aria-label="changed to" className="px-1 text-muted-foreground">
                →
              </span>
            ) : null}
            {key in a ? <ins className="text-success no-underline">{show(a[key])}</ins> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : value == null ? {} : { value };
}

function show(value: unknown): string {
  const text = value === null || value === undefined ? "none" : typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}
