import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";

export interface ProfileFilterValues {
  q?: string;
  trait?: string;
  traitValue?: string;
  purpose?: string;
  consent?: string;
  status?: string;
}

/** A plain GET form: works without JavaScript and keeps the filters in the URL. */
export function ProfileFilters({
  action,
  values,
  traits,
  purposes,
}: {
  action: string;
  values: ProfileFilterValues;
  traits: { key: string; label: string }[];
  purposes: { key: string; label: string }[];
}) {
  const filtered = Object.values(values).some(Boolean);
  return (
    <form method="get" action={action} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="Search profiles">
      <div className="grid gap-1.5 sm:col-span-2">
        <Label htmlFor="pf-q">Email, external id or profile id</Label>
        <Input id="pf-q" name="q" type="search" defaultValue={values.q ?? ""} placeholder="jane@ or user-123" maxLength={200} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="pf-trait">Trait</Label>
        <NativeSelect id="pf-trait" name="trait" defaultValue={values.trait ?? ""}>
          <option value="">Any trait</option>
          {traits.map((t) => (
            <option key={t.key} value={t.key}>
              {t.label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="pf-trait-value">Trait value</Label>
        <Input id="pf-trait-value" name="traitValue" defaultValue={values.traitValue ?? ""} placeholder="any value" maxLength={200} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="pf-purpose">Consent purpose</Label>
        <NativeSelect id="pf-purpose" name="purpose" defaultValue={values.purpose ?? ""}>
          <option value="">Any purpose</option>
          {purposes.map((p) => (
            <option key={p.key} value={p.key}>
              {p.label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="pf-consent">Consent state</Label>
        <NativeSelect id="pf-consent" name="consent" defaultValue={values.consent ?? ""}>
          <option value="">Any state</option>
          <option value="granted">Granted</option>
          <option value="withdrawn">Withdrawn</option>
          <option value="unknown">Never asked</option>
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="pf-status">Status</Label>
        <NativeSelect id="pf-status" name="status" defaultValue={values.status ?? ""}>
          <option value="">Any status</option>
          <option value="active">Active</option>
          <option value="merged">Merged</option>
          <option value="erased">Erased</option>
        </NativeSelect>
      </div>
      <div className="flex items-end gap-2">
        <Button type="submit" variant="secondary">
          Search
        </Button>
        {filtered ? (
          <Link href={action} className={buttonClasses("ghost")}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
