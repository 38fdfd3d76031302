import { z } from "zod";

const profileRef = { profileId: z.string() };

/**
 * Every event type Candor emits, with the shape of its `data`. Webhook bodies are
 * `{ type, timestamp, data }` where `data` follows these schemas.
 */
export const eventCatalogue = {
  "profile.created": z.looseObject({ ...profileRef }),
  "profile.updated": z.looseObject({ ...profileRef, changes: z.record(z.string(), z.unknown()).optional() }),
  "profile.deleted": z.looseObject({ ...profileRef }),
  "preferences.updated": z.looseObject({ ...profileRef, before: z.unknown().optional(), after: z.unknown().optional() }),
  "consent.updated": z.looseObject({ ...profileRef, purpose: z.string(), action: z.enum(["grant", "withdraw"]) }),
  "quiz.completed": z.looseObject({ ...profileRef, quiz: z.string(), responseId: z.string() }),
  "onboarding.step_completed": z.looseObject({ ...profileRef, flow: z.string(), step: z.string() }),
  "onboarding.completed": z.looseObject({ ...profileRef, flow: z.string() }),
  "onboarding.stalled": z.looseObject({ ...profileRef, flow: z.string(), idleDays: z.number() }),
  "conversion.recorded": z.looseObject({ ...profileRef, conversionId: z.string(), value: z.number(), currency: z.string() }),
  "webhook.test": z.looseObject({ message: z.string() }),
} as const;

export type EventType = keyof typeof eventCatalogue;
export type EventData<T extends EventType> = z.input<(typeof eventCatalogue)[T]>;
export const eventTypes = Object.keys(eventCatalogue) as EventType[];

export const eventTypeSchema = z.enum(eventTypes as [EventType, ...EventType[]]);
