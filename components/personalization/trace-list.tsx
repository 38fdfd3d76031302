import { Badge } from "@/components/ui/badge";
import type { TraceLine } from "./preview-types";

/** The facts that decided a rule, one per line, marked as held or not. */
export function TraceList({ lines, label }: { lines: TraceLine[]; label: string }) {
  if (lines.length === 0) return <p className="text-sm text-muted-foreground">No conditions: it holds for everyone.</p>;
  return (
    <ul aria-label={label} className="grid gap-1 text-sm">
      {lines.map((line, i) => (
        <li key={i} className="flex items-start gap-2">
          <Badge tone={line.withheldBy ? "warning" : line.result ? "success" : "neutral"}>{line.withheldBy ? "hidden" : line.result ? "yes" : "no"}</Badge>
          <span className="font-mono text-xs leading-5 break-all">{line.text}</span>
        </li>
      ))}
    </ul>
  );
}
