import { z } from "zod";
import { eventTypeSchema } from "@/lib/events/catalogue";
import { defineOperation, timestamp } from "../operation";

export const eventSchema = z
  .object({
    id: z.string().meta({ example: "evt_01jd3kq8x2f7m9c4t6v8b0n2p4" }),
    seq: z.number().int().meta({ description: "Grows with every event of the installation; order and page by it" }),
    type: z.string().meta({ example: "preferences.updated" }),
    subjectId: z.string().nullable().meta({ description: "The profile (or other resource) the event is about" }),
    data: z.record(z.string(), z.unknown()).meta({ description: "The same `data` webhooks deliver for this type" }),
    createdAt: timestamp,
  })
  .meta({ id: "Event", description: "A domain event, written in the same transaction as the change" });

export const listEventsQuery = z.object({
  before: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: "Only events with a smaller seq: pass the previous page's nextBefore" }),
  type: eventTypeSchema.optional().meta({ description: "Only events of this type" }),
  limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: "Events per page (1–200)" }),
});

export const listEventsOp = defineOperation({
  operationId: "listEvents",
  method: "GET",
  path: "/api/v1/events",
  summary: "Newest events of the workspace",
  description: "Newest first. Page back with `before`; `nextBefore` is null on the last page.",
  tags: ["Events"],
  scope: "events:read",
  query: listEventsQuery,
  response: z.object({
    data: z.array(eventSchema),
    nextBefore: z.number().int().nullable().meta({ description: "Pass as `before` for the next page" }),
  }),
});
