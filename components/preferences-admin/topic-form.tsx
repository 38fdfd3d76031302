"use client";

import { useActionState } from "react";
import { FormStatus } from "@/components/consent/form-status";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, Fieldset } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { fieldError, submittedValue, type FormState } from "@/lib/forms/state";
import { channelLabels, frequencyLabels } from "./labels";

type Channel = keyof typeof channelLabels;
type Frequency = keyof typeof frequencyLabels;

export interface TopicFormValues {
  key: string;
  name: string;
  description: string;
  channels: Channel[];
  defaults: Partial<Record<Channel, "subscribed" | "unsubscribed">>;
  frequencies: Frequency[];
  defaultFrequency: Frequency;
  doubleOptIn: boolean;
  transactional: boolean;
  translations: { de?: { name?: string; description?: string } };
}

function Tick({ name, label, hint, defaultChecked, disabled }: { name: string; label: string; hint?: string; defaultChecked: boolean; disabled?: boolean }) {
  const id = `topic-${name}`;
  return (
    <div className="flex items-start gap-2">
      <Checkbox id={id} name={name} defaultChecked={defaultChecked} disabled={disabled} aria-describedby={hint ? `${id}-hint` : undefined} className="mt-0.5" />
      <div>
        <Label htmlFor={id}>{label}</Label>
        {hint ? (
          <p id={`${id}-hint`} className="text-sm text-muted-foreground">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** Create a topic, or (with `initial`) change one; the key is fixed once created. */
export function TopicForm({
  action,
  initial,
  enabledChannels,
  disabled,
}: {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  initial?: TopicFormValues;
  enabledChannels: Channel[];
  disabled?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  // After a failed save, what was sent wins over the stored topic, so nothing typed is lost.
  const sent = (name: string) => submittedValue(state, name);
  const failed = state !== null && !state.ok;
  const tickedNow = (name: string, stored: boolean) => (failed ? sent(name) === "on" : stored);
  const v = initial;
  return (
    <form action={formAction} className="grid max-w-2xl gap-5" noValidate>
      <FormStatus state={state} />
      <fieldset disabled={disabled || pending} className="grid gap-5">
        {v ? (
          <input type="hidden" name="key" value={v.key} />
        ) : (
          <Field id="topic-key" label="Key" hint="How the API, webhooks and your ESP name it, e.g. product-updates. It cannot change." error={fieldError(state, "key")} required>
            <Input name="key" defaultValue={sent("key") ?? ""} maxLength={64} className="font-mono" required />
          </Field>
        )}
        <Field id="topic-name" label="Name" hint="What people see in the preference center." error={fieldError(state, "name")} required>
          <Input name="name" defaultValue={sent("name") ?? v?.name ?? ""} maxLength={80} required />
        </Field>
        <Field id="topic-description" label="Description" error={fieldError(state, "description")}>
          <Textarea name="description" defaultValue={sent("description") ?? v?.description ?? ""} maxLength={500} rows={2} />
        </Field>

        <Fieldset id="topic-channels" legend="Channels" hint="Where this topic is sent, and whether someone who never chose receives it." error={fieldError(state, "channels")}>
          {(Object.keys(channelLabels) as Channel[]).map((c) => {
            const enabled = enabledChannels.includes(c);
            return (
              <div key={c} className="grid items-center gap-2 sm:grid-cols-[12rem_1fr]">
                <Tick
                  name={`channel_${c}`}
                  label={channelLabels[c]}
                  hint={enabled ? undefined : "Not enabled for this workspace (Preference center tab)"}
                  defaultChecked={tickedNow(`channel_${c}`, v?.channels.includes(c) ?? c === "email")}
                  disabled={!enabled}
                />
                {enabled ? (
                  <div className="grid gap-1">
                    <Label htmlFor={`topic-default-${c}`} className="sr-only">
                      {channelLabels[c]}: before someone chooses
                    </Label>
                    <NativeSelect
                      id={`topic-default-${c}`}
                      name={`default_${c}`}
                      defaultValue={sent(`default_${c}`) ?? v?.defaults[c] ?? "unsubscribed"}
                      aria-invalid={fieldError(state, `defaults.${c}`) ? true : undefined}
                      aria-describedby={fieldError(state, `defaults.${c}`) ? `topic-default-${c}-error` : undefined}
                    >
                      <option value="unsubscribed">Off until they subscribe (opt-in)</option>
                      <option value="subscribed">On until they unsubscribe</option>
                    </NativeSelect>
                    {fieldError(state, `defaults.${c}`) ? (
                      <p id={`topic-default-${c}-error`} className="text-sm font-medium text-danger">
                        {fieldError(state, `defaults.${c}`)}
                      </p>
                    ) : null}
                  </div>
                ) : null}
              </div>
            );
          })}
        </Fieldset>

        <Fieldset id="topic-frequencies" legend="Frequencies people can choose" error={fieldError(state, "frequencies")}>
          <div className="flex flex-wrap gap-4">
            {(Object.keys(frequencyLabels) as Frequency[]).map((f) => (
              <Tick key={f} name={`freq_${f}`} label={frequencyLabels[f]} defaultChecked={tickedNow(`freq_${f}`, v?.frequencies.includes(f) ?? f === "weekly")} />
            ))}
          </div>
        </Fieldset>
        <Field id="topic-default-frequency" label="Frequency before someone chooses" error={fieldError(state, "defaultFrequency")} required>
          <NativeSelect name="defaultFrequency" defaultValue={sent("defaultFrequency") ?? v?.defaultFrequency ?? "weekly"}>
            {(Object.keys(frequencyLabels) as Frequency[]).map((f) => (
              <option key={f} value={f}>
                {frequencyLabels[f]}
              </option>
            ))}
          </NativeSelect>
        </Field>

        <Fieldset id="topic-rules" legend="Rules" error={fieldError(state, "doubleOptIn") ?? fieldError(state, "transactional")}>
          <Tick
            name="doubleOptIn"
            label="Double opt-in by email"
            hint="Subscribing by email sends a confirmation mail; nothing is sent until the link is used. Requests lapse after 7 days."
            defaultChecked={tickedNow("doubleOptIn", v?.doubleOptIn ?? false)}
          />
          <Tick
            name="transactional"
            label="Transactional"
            hint="Receipts, security and account notices: shown in the preference center but cannot be unsubscribed."
            defaultChecked={tickedNow("transactional", v?.transactional ?? false)}
          />
        </Fieldset>

        <Fieldset id="topic-de" legend="German (Deutsch)" hint="Leave empty to show the English wording.">
          <Field id="topic-name-de" label="Name (de)" error={fieldError(state, "translations.de.name")}>
            <Input name="name_de" lang="de" defaultValue={sent("name_de") ?? v?.translations.de?.name ?? ""} maxLength={80} />
          </Field>
          <Field id="topic-description-de" label="Description (de)" error={fieldError(state, "translations.de.description")}>
            <Textarea name="description_de" lang="de" defaultValue={sent("description_de") ?? v?.translations.de?.description ?? ""} maxLength={500} rows={2} />
          </Field>
        </Fieldset>

        {disabled ? null : (
          <div>
            <Button type="submit" disabled={pending} aria-disabled={pending}>
              {pending ? "Saving…" : v ? "Save topic" : "Create topic"}
            </Button>
          </div>
        )}
      </fieldset>
    </form>
  );
}
