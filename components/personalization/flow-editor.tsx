"use client";

import { useActionState, useId, useState } from "react";
import { FormStatus } from "@/components/consent/form-status";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import type { FormState } from "@/lib/forms/state";
import { eventTypes } from "@/lib/events/catalogue";
import { stepCompletionKinds, type FlowData, type FlowStep } from "@/lib/onboarding/schemas";
import type { RuleVocabulary } from "@/lib/rules/validate";
import type { Rule } from "@/lib/rules/schema";
import { RuleEditor } from "./rule-editor";
import type { FlowPreview, PreviewFailure } from "./preview-types";
import { TraceList } from "./trace-list";
import { ProfileTestPanel } from "./profile-test-panel";

export type FlowPreviewAction = (definition: string, profileRef: string) => Promise<FlowPreview | PreviewFailure>;

const completionLabels = { person: "the person, on the checklist", api: "your backend, by API", event: "an event" } as const;
const frequencies = ["instant", "daily", "weekly", "monthly"] as const;

function StepEditor({ step, n, total, onChange, onMove, onRemove, disabled }: { step: FlowStep; n: number; total: number; onChange: (s: FlowStep) => void; onMove: (d: -1 | 1) => void; onRemove: () => void; disabled: boolean }) {
  const id = useId();
  const [matchText, setMatchText] = useState(JSON.stringify(step.event?.match ?? {}));
  const [matchError, setMatchError] = useState<string | null>(null);
  const set = (patch: Partial<FlowStep>) => onChange({ ...step, ...patch });
  return (
    <fieldset disabled={disabled} className="grid gap-3 rounded-md border border-border p-3 sm:grid-cols-2">
      <legend className="px-1 text-sm font-medium">
        Step {n}: {step.title || step.key}
      </legend>
      <Field id={`${id}-key`} label="Key">
        <Input value={step.key} onChange={(e) => set({ key: e.target.value })} className="font-mono" />
      </Field>
      <Field id={`${id}-title`} label="Title">
        <Input value={step.title} onChange={(e) => set({ title: e.target.value })} maxLength={120} />
      </Field>
      <Field id={`${id}-body`} label="Body (markdown)" hint="Links, lists, **bold**, `code`; rendered and sanitised on the checklist" className="sm:col-span-2">
        <Textarea rows={3} value={step.body} onChange={(e) => set({ body: e.target.value })} maxLength={5000} />
      </Field>
      <Field id={`${id}-cta-label`} label="Call to action: label" hint="Empty: no button">
        <Input value={step.cta?.label ?? ""} onChange={(e) => set({ cta: e.target.value || step.cta?.url ? { label: e.target.value, url: step.cta?.url ?? "" } : null })} maxLength={60} />
      </Field>
      <Field id={`${id}-cta-url`} label="Call to action: URL">
        <Input value={step.cta?.url ?? ""} onChange={(e) => set({ cta: e.target.value || step.cta?.label ? { label: step.cta?.label ?? "", url: e.target.value } : null })} />
      </Field>
      <fieldset className="grid gap-1 sm:col-span-2">
        <legend className="text-sm font-medium">Completed by</legend>
        {stepCompletionKinds.map((k) => (
          <label key={k} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={step.completion.includes(k)}
              onChange={(e) => {
                const completion = e.target.checked ? [...step.completion, k] : step.completion.filter((c) => c !== k);
                set({ completion, event: completion.includes("event") ? (step.event ?? { type: "preferences.updated", match: {} }) : null });
              }}
            />
            {completionLabels[k]}
          </label>
        ))}
      </fieldset>
      {step.completion.includes("event") && step.event ? (
        <>
          <Field id={`${id}-event`} label="Event about the person">
            <NativeSelect value={step.event.type} onChange={(e) => set({ event: { ...step.event!, type: e.target.value } })}>
              {eventTypes.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field id={`${id}-match`} label="Only when its data has (JSON)" hint='e.g. {"source": "preference_center"}' error={matchError}>
            <Input
              value={matchText}
              className="font-mono text-xs"
              onChange={(e) => {
                setMatchText(e.target.value);
                try {
                  const match = e.target.value.trim() ? JSON.parse(e.target.value) : {};
                  if (!match || typeof match !== "object" || Array.isArray(match)) throw new Error("object");
                  setMatchError(null);
                  set({ event: { ...step.event!, match } });
                } catch {
                  setMatchError("Write a JSON object");
                }
              }}
            />
          </Field>
        </>
      ) : null}
      <div className="flex flex-wrap gap-2 sm:col-span-2">
        <Button variant="ghost" size="sm" onClick={() => onMove(-1)} disabled={n === 1}>
          Move up<span className="sr-only"> step {n}</span>
        </Button>
        <Button variant="ghost" size="sm" onClick={() => onMove(1)} disabled={n === total}>
          Move down<span className="sr-only"> step {n}</span>
        </Button>
        <Button variant="ghost" size="sm" onClick={onRemove} disabled={total === 1} aria-label={`Remove step ${n}`}>
          Remove
        </Button>
      </div>
    </fieldset>
  );
}

/** Edit an onboarding flow: audience, ordered steps and the persona's default preferences; test it against a profile. */
export function FlowEditor(props: { initial: FlowData; vocab: RuleVocabulary; save: (prev: FormState, formData: FormData) => Promise<FormState>; preview: FlowPreviewAction; readOnly: boolean }) {
  const id = useId();
  const [def, setDef] = useState<FlowData>(props.initial);
  const [state, formAction, pending] = useActionState(props.save, null);
  const set = (patch: Partial<FlowData>) => setDef((d) => ({ ...d, ...patch }));
  const setStep = (i: number, s: FlowStep) => set({ steps: def.steps.map((x, j) => (j === i ? s : x)) });
  const move = (i: number, d: -1 | 1) => {
    const steps = [...def.steps];
    const [s] = steps.splice(i, 1);
    steps.splice(i + d, 0, s!);
    set({ steps });
  };
  const setDefault = (topic: string, channel: string, patch: { status?: string; frequency?: string }) => {
    const byChannel = { ...(def.defaults[topic] ?? {}) } as Record<string, { status?: "subscribed" | "unsubscribed"; frequency?: (typeof frequencies)[number] }>;
    const next = { ...byChannel[channel], ...patch } as { status?: "subscribed" | "unsubscribed"; frequency?: (typeof frequencies)[number] };
    if (!next.status) delete next.status;
    if (!next.frequency) delete next.frequency;
    if (Object.keys(next).length) byChannel[channel] = next;
    else delete byChannel[channel];
    const defaults = { ...def.defaults, [topic]: byChannel };
    if (Object.keys(byChannel).length === 0) delete defaults[topic];
    set({ defaults: defaults as FlowData["defaults"] });
  };
  return (
    <div className="grid gap-6">
      <form action={formAction} className="grid gap-5" noValidate>
        <FormStatus state={state} />
        {state && !state.ok && Object.keys(state.fieldErrors).length ? (
          <ul className="text-sm text-danger">
            {Object.entries(state.fieldErrors).map(([path, message]) => (
              <li key={path}>
                <span className="font-mono text-xs">{path}</span>: {message}
              </li>
            ))}
          </ul>
        ) : null}
        <input type="hidden" name="definition" value={JSON.stringify(def)} />
        <fieldset disabled={props.readOnly || pending} className="grid gap-4 sm:grid-cols-3">
          <Field id={`${id}-key`} label="Key">
            <Input value={def.key} onChange={(e) => set({ key: e.target.value })} className="font-mono" />
          </Field>
          <Field id={`${id}-name`} label="Name" className="sm:col-span-2">
            <Input value={def.name} onChange={(e) => set({ name: e.target.value })} />
          </Field>
          <Field id={`${id}-description`} label="Description" className="sm:col-span-3">
            <Textarea rows={2} value={def.description} onChange={(e) => set({ description: e.target.value })} />
          </Field>
          <Field id={`${id}-position`} label="Position" hint="Persona flows are tried in this order">
            <Input type="number" min={0} value={def.position} onChange={(e) => set({ position: Number(e.target.value) })} />
          </Field>
          <Field id={`${id}-stall`} label="Nudge after (days without progress)" hint="Emits onboarding.stalled">
            <Input type="number" min={1} max={365} value={def.stallAfterDays} onChange={(e) => set({ stallAfterDays: Number(e.target.value) })} />
          </Field>
          <label className="flex items-center gap-2 pt-6 text-sm">
            <input type="checkbox" checked={def.generic} onChange={(e) => set({ generic: e.target.checked })} /> Generic flow (for everyone no persona flow fits)
          </label>
        </fieldset>
        {def.generic ? null : <RuleEditor value={def.audience} onChange={(audience: Rule | null) => set({ audience })} vocab={props.vocab} label="Audience (the persona)" emptyLabel="Everyone fits this flow." />}
        <section className="grid gap-3" aria-labelledby={`${id}-steps`}>
          <h3 id={`${id}-steps`} className="text-sm font-semibold">
            Steps
          </h3>
          {def.steps.map((step, i) => (
            <StepEditor
              key={i}
              step={step}
              n={i + 1}
              total={def.steps.length}
              onChange={(s) => setStep(i, s)}
              onMove={(d) => move(i, d)}
              onRemove={() => set({ steps: def.steps.filter((_, j) => j !== i) })}
              disabled={props.readOnly || pending}
            />
          ))}
          {props.readOnly ? null : (
            <div>
              <Button variant="secondary" size="sm" onClick={() => set({ steps: [...def.steps, { key: `step_${def.steps.length + 1}`, title: "", body: "", cta: null, completion: ["person", "api"], event: null }] })}>
                Add a step
              </Button>
            </div>
          )}
        </section>
        <fieldset disabled={props.readOnly || pending} className="grid gap-2 rounded-md border border-border p-3">
          <legend className="px-1 text-sm font-medium">Default preferences for this persona (they never override a person&apos;s own choice)</legend>
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left">
                <th scope="col">Topic</th>
                <th scope="col">Channel</th>
                <th scope="col">Status</th>
                <th scope="col">Frequency</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(props.vocab.topics).flatMap(([topic, t]) =>
                t.channels.map((channel) => {
                  const value = (def.defaults[topic] as Record<string, { status?: string; frequency?: string }> | undefined)?.[channel];
                  return (
                    <tr key={`${topic}/${channel}`} className="border-t border-border">
                      <td className="py-1 font-mono text-xs">{topic}</td>
                      <td className="py-1">{channel}</td>
                      <td className="py-1">
                        <NativeSelect aria-label={`${topic} by ${channel}: status`} value={value?.status ?? ""} onChange={(e) => setDefault(topic, channel, { status: e.target.value })} className="h-8">
                          <option value="">leave as is</option>
                          <option value="subscribed">subscribed</option>
                          <option value="unsubscribed">unsubscribed</option>
                        </NativeSelect>
                      </td>
                      <td className="py-1">
                        <NativeSelect aria-label={`${topic} by ${channel}: frequency`} value={value?.frequency ?? ""} onChange={(e) => setDefault(topic, channel, { frequency: e.target.value })} className="h-8">
                          <option value="">topic default</option>
                          {(t.frequencies ?? frequencies).map((f) => (
                            <option key={f} value={f}>
                              {f}
                            </option>
                          ))}
                        </NativeSelect>
                      </td>
                    </tr>
                  );
                }),
              )}
            </tbody>
          </table>
        </fieldset>
        {props.readOnly ? null : (
          <div>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save flow"}
            </Button>
          </div>
        )}
      </form>
      <FlowPreviewPanel definition={def} preview={props.preview} />
    </div>
  );
}

function FlowPreviewPanel({ definition, preview }: { definition: FlowData; preview: FlowPreviewAction }) {
  return (
    <ProfileTestPanel<FlowPreview> title="Test this flow against a profile" button="Test" pending="Testing…" run={(ref) => preview(JSON.stringify(definition), ref)}>
      {(answer) => (
        <div className="grid gap-3 text-sm" aria-live="polite">
          {answer.audience ? (
            <div>
              <p>
                This flow&apos;s audience {answer.audience.result ? <strong className="text-green-800">holds</strong> : <strong>does not hold</strong>} for {answer.profile.label}:
              </p>
              <TraceList lines={answer.audience.trace} label="Audience facts" />
            </div>
          ) : (
            <p>This flow has no audience rule.</p>
          )}
          <p>
            With the saved flows, {answer.profile.label} would get: <strong>{answer.chosen ? answer.chosen.name : "no flow"}</strong>.
          </p>
          {answer.chosen?.fallback ? <Alert tone="warning">Generic flow: {answer.chosen.fallback}</Alert> : null}
        </div>
      )}
    </ProfileTestPanel>
  );
}
