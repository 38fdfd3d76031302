import { z } from "zod";
import { ruleSchema } from "@/lib/rules/schema";

// Client-safe: the segment editor, the API and the services share these.

export const segmentInput = z.object({
  name: z.string().trim().min(1, "Enter a name").max(120, "Use at most 120 characters"),
  description: z.string().trim().max(1000, "Use at most 1000 characters").default(""),
  rule: ruleSchema,
});
export type SegmentInput = z.input<typeof segmentInput>;

export const MAX_MEMBER_PAGE = 500;

export const segmentMembersQuery = z.object({
  after: z.string().max(64).optional().meta({ description: "The last profile id of the previous page" }),
  limit: z.coerce.number().int().min(1).max(MAX_MEMBER_PAGE).default(100),
});
