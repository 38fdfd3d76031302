import { Checkbox } from "@/components/ui/checkbox";
import { Field, Fieldset } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { fieldError, submittedValue, type FormState } from "@/lib/forms/state";
import { eventTypeDescriptions, subscribableEventTypes } from "@/lib/webhooks/schemas";

/** URL, description and event filter: the same fields when adding and when editing an endpoint. */
export function EndpointFields({
  state,
  initial,
  idPrefix,
}: {
  state: FormState;
  initial?: { url: string; description: string; events: string[] };
  idPrefix: string;
}) {
  const submittedEvents = submittedValue(state, "events");
  const chosen = new Set(submittedEvents !== undefined ? submittedEvents.split(",").filter(Boolean) : (initial?.events ?? []));
  const eventsError = Object.entries(state && !state.ok ? state.fieldErrors : {}).find(([path]) => path.startsWith("events"))?.[1];
  return (
    <>
      <Field id={`${idPrefix}-url`} label="URL" required error={fieldError(state, "url")} hint="Where Candor POSTs each event. https in production; no credentials in the URL.">
        <Input
          name="url"
          type="url"
          inputMode="url"
          required
          maxLength={2048}
          autoComplete="off"
          placeholder="https://example.com/webhooks/candor"
          defaultValue={submittedValue(state, "url") ?? initial?.url ?? ""}
        />
      </Field>
      <Field id={`${idPrefix}-description`} label="Description" error={fieldError(state, "description")} hint="Optional: what receives these events">
        <Textarea name="description" rows={2} maxLength={500} defaultValue={submittedValue(state, "description") ?? initial?.description ?? ""} />
      </Field>
      <Fieldset id={`${idPrefix}-events`} legend="Events" hint="Leave all unchecked to receive every type, including ones added later." error={eventsError}>
        {subscribableEventTypes.map((type) => (
          <div key={type} className="flex items-start gap-2">
            <Checkbox id={`${idPrefix}-event-${type}`} name="events" value={type} defaultChecked={chosen.has(type)} className="mt-0.5" />
            <Label htmlFor={`${idPrefix}-event-${type}`} className="grid gap-0.5 font-normal">
              <span className="font-mono text-sm">{type}</span>
              {eventTypeDescriptions[type] ? <span className="text-sm text-muted-foreground">{eventTypeDescriptions[type]}</span> : null}
            </Label>
          </div>
        ))}
      </Fieldset>
    </>
  );
}
