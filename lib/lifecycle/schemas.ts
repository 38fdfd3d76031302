import { z } from "zod";
import { lifecycleStages } from "@/lib/db/schema/personalization";

export { lifecycleStages };

// Client-safe: the API, the dashboard and the services share these.

export const lifecycleStage = z.enum(lifecycleStages).meta({ description: "awareness → consideration → decision → onboarding → retention" });

export const setStageInput = z.object({
  stage: lifecycleStage,
  source: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .regex(/^[a-z0-9][a-z0-9_.:-]*$/i, "Use letters, digits and . _ : -")
    .optional()
    .meta({ description: "What moved the profile, kept in the history (default: api)", example: "crm:deal_won" }),
});
export type SetStageInput = z.input<typeof setStageInput>;

/** How far along a stage is: events only ever move a profile to a later one. */
export function stageRank(stage: (typeof lifecycleStages)[number]): number {
  return lifecycleStages.indexOf(stage);
}
