import type { FieldError } from "@/lib/core/errors";
import type { PreferencesPatchInput, PreferencesView } from "./schemas";

type FormValues = Record<string, string | string[]>;

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v.at(-1) : v);

/** A field the form changed, with the value the page showed when it was opened. */
export interface FormChange {
  topic: string;
  channel: string;
  field: "status" | "frequency";
  shown: string;
}

/**
 * Turn the preference center's topic form into a patch of only what the person changed on the
 * page. Each channel carries what was shown (`was.*`, `wasf.*`), so a save from an old tab
 * changes the fields touched there and leaves everything else as another tab saved it.
 * Names: `s.<topic>.<channel>` (checkbox), `f.<topic>.<channel>` (frequency).
 */
export function topicFormToPatch(form: FormValues): { patch: PreferencesPatchInput; changes: FormChange[] } {
  const topics: Record<string, Record<string, { status?: "subscribed" | "unsubscribed"; frequency?: string }>> = {};
  const changes: FormChange[] = [];
  for (const [name, raw] of Object.entries(form)) {
    const shown = one(raw);
    const match = /^(was|wasf)\.([^.]+)\.([^.]+)$/.exec(name);
    if (!match || shown === undefined) continue;
    const [, kind, topic, channel] = match as unknown as [string, string, string, string];
    if (kind === "was") {
      const ticked = one(form[`s.${topic}.${channel}`]) !== undefined;
      // A pending subscription shows as ticked: keeping the tick keeps it pending.
      const showedTicked = shown === "subscribed" || shown === "pending";
      if (ticked === showedTicked) continue;
      ((topics[topic] ??= {})[channel] ??= {}).status = ticked ? "subscribed" : "unsubscribed";
      changes.push({ topic, channel, field: "status", shown });
    } else {
      const chosen = one(form[`f.${topic}.${channel}`]);
      if (chosen === undefined || chosen === shown) continue;
      ((topics[topic] ??= {})[channel] ??= {}).frequency = chosen;
      changes.push({ topic, channel, field: "frequency", shown });
    }
  }
  return { patch: { topics: topics as PreferencesPatchInput["topics"] }, changes };
}

/** The changes whose field had moved on (another tab, the API) since the page was rendered. */
export function overtakenChanges(changes: FormChange[], current: PreferencesView): FormChange[] {
  return changes.filter((c) => {
    const value = current.topics.find((t) => t.key === c.topic)?.channels[c.channel as keyof (typeof current.topics)[number]["channels"]];
    if (!value) return false;
    return c.field === "status" ? value.status !== c.shown : value.frequency !== c.shown;
  });
}

export type PauseChoice = "week" | "month" | "three_months" | "until";

/** When a pause ends: a week, a calendar month or three from now, or the start (UTC) of a chosen day. */
export function pauseEnd(choice: string | undefined, until: string | undefined, now: Date): { at: Date } | { error: FieldError } {
  const addMonths = (months: number) => {
    const d = new Date(now);
    d.setUTCMonth(d.getUTCMonth() + months);
    return d;
  };
  switch (choice) {
    case "week":
      return { at: new Date(now.getTime() + 7 * 86_400_000) };
    case "month":
      return { at: addMonths(1) };
    case "three_months":
      return { at: addMonths(3) };
    case "until": {
      if (!until || !/^\d{4}-\d{2}-\d{2}$/.test(until) || Number.isNaN(Date.parse(`${until}T00:00:00Z`))) {
        return { error: { path: "until", message: "Choose the date the pause ends" } };
      }
      return { at: new Date(`${until}T00:00:00Z`) };
    }
    default:
      return { error: { path: "pause", message: "Choose how long to pause" } };
  }
}
