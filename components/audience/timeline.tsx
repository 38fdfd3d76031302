import { Badge } from "@/components/ui/badge";

export interface TimelineItem {
  at: Date;
  kind: string;
  title: string;
  detail?: string;
  ref?: string;
}

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const kindLabel: Record<string, string> = { trait: "Trait", consent: "Consent", event: "Event", quiz_response: "Quiz" };

/** A profile's history, newest first. */
export function Timeline({ items }: { items: TimelineItem[] }) {
  if (items.length === 0) return <p className="text-sm text-muted-foreground">Nothing has happened to this profile yet.</p>;
  return (
    <ol className="grid gap-3">
      {items.map((item, i) => (
        <li key={`${item.ref ?? i}-${item.kind}`} className="grid grid-cols-[7.5rem_1fr] gap-3 text-sm">
          <time dateTime={item.at.toISOString()} className="text-muted-foreground">
            {when.format(item.at)}
          </time>
          <div>
            <Badge className="mr-2">{kindLabel[item.kind] ?? item.kind}</Badge>
            <span className="font-medium">{item.title}</span>
            {item.detail ? <div className="text-xs text-muted-foreground">{item.detail}</div> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
