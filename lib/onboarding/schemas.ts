import { z } from "zod";
import { ruleSchema } from "@/lib/rules/schema";
import { eventTypes } from "@/lib/events/catalogue";
import { channels, frequencies } from "@/lib/db/schema/preferences";

// Client-safe: the flow editor, the API, the hosted checklist and the services share these.

export const MAX_STEPS = 30;
export const MAX_STEP_BODY = 5000;

const itemKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "Use lower-case letters, digits and _, starting with a letter");

/** Who may mark a step done: the person on the checklist, the brand's backend by API, or an event. */
export const stepCompletionKinds = ["person", "api", "event"] as const;

export const flowStep = z
  .object({
    key: itemKey,
    title: z.string().trim().min(1, "Enter a title").max(120, "Use at most 120 characters"),
    /** Markdown; rendered to sanitised HTML (no scripts, styles or raw attributes). */
    body: z.string().max(MAX_STEP_BODY, `Use at most ${MAX_STEP_BODY} characters`).default(""),
    cta: z
      .object({
        label: z.string().trim().min(1).max(60),
        url: z
          .string()
          .trim()
          .max(2000)
          .regex(/^(https?:\/\/|\/)[^\s"'<>]*$/, "Use an http(s) URL or a path"),
      })
      .nullable()
      .default(null),
    completion: z
      .array(z.enum(stepCompletionKinds))
      .min(1, "Let someone complete the step")
      .refine((l) => new Set(l).size === l.length, "Each kind once")
      .default(["person", "api"]),
    /** With `event`: the domain event about the profile that completes the step, and fields its data must have. */
    event: z
      .object({
        type: z.enum(eventTypes as [string, ...string[]]),
        match: z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean()])).default({}),
      })
      .nullable()
      .default(null),
  })
  .refine((s) => !s.completion.includes("event") || s.event, { message: "Name the event that completes this step", path: ["event"] });
export type FlowStep = z.output<typeof flowStep>;

/** A persona's default preferences: `{ "<topic>": { "<channel>": { status, frequency } } }`. */
export const personaDefaults = z.record(
  z.string().max(64),
  z.partialRecord(z.enum(channels), z.strictObject({ status: z.enum(["subscribed", "unsubscribed"]).optional(), frequency: z.enum(frequencies).optional() })),
);

export const flowKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/, "Use lower-case letters, digits and dashes (not at the ends)");

export const flowInput = z
  .object({
    key: flowKey,
    name: z.string().trim().min(1, "Enter a name").max(120, "Use at most 120 characters"),
    description: z.string().trim().max(1000).default(""),
    audience: ruleSchema.nullable().default(null),
    generic: z.boolean().default(false),
    steps: z.array(flowStep).min(1, "Add at least one step").max(MAX_STEPS, `Use at most ${MAX_STEPS} steps`),
    defaults: personaDefaults.default({}),
    stallAfterDays: z.number().int().min(1).max(365).default(7),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .refine((f) => new Set(f.steps.map((s) => s.key)).size === f.steps.length, { message: "Each step needs its own key", path: ["steps"] });
export type FlowInput = z.input<typeof flowInput>;
export type FlowData = z.output<typeof flowInput>;

export const completeStepInput = z.object({
  flow: flowKey.optional().meta({ description: "The flow the step belongs to; default: the profile's current flow" }),
});

/** A profile's current flow as the API, the checklist and the dashboard show it. */
export interface StepView {
  key: string;
  title: string;
  bodyHtml: string;
  cta: { label: string; url: string } | null;
  completion: FlowStep["completion"];
  completed: { at: string; by: "person" | "api" | "event" | "admin" } | null;
}

/** What the checklist page shows of a flow: the person's, or a sample in the dashboard's preview. */
export interface ChecklistView {
  flow: { key: string; name: string; description: string };
  steps: StepView[];
  progress: { done: number; total: number };
  completedAt: Date | null;
}

export interface OnboardingView extends ChecklistView {
  assignedAt: Date;
  lastProgressAt: Date;
  /** The hosted checklist, behind a signed link for this profile. */
  checklistUrl: string;
}
