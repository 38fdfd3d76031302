import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";

export interface FilterSelect {
  name: string;
  label: string;
  value: string;
  /** The first option ("All quizzes"); omit to require a choice. */
  all?: string;
  options: { value: string; label: string }[];
}

/** Narrow a page to one quiz, version or segment, keeping the range (a GET form). */
export function FilterForm({ action, keep, selects }: { action: string; keep: Record<string, string | undefined>; selects: FilterSelect[] }) {
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3" aria-label="Filters">
      {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      {selects.map((s) => (
        <div key={s.name} className="grid gap-1.5">
          <Label htmlFor={`filter-${s.name}`}>{s.label}</Label>
          <NativeSelect id={`filter-${s.name}`} name={s.name} defaultValue={s.value} className="w-auto min-w-48">
            {s.all !== undefined ? <option value="">{s.all}</option> : null}
            {s.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </NativeSelect>
        </div>
      ))}
      <Button type="submit" variant="secondary">
        Show
      </Button>
    </form>
  );
}
