import { z } from "zod";
import { lifecycleStage, setStageInput } from "@/lib/lifecycle/schemas";
import { completeStepInput, flowKey } from "@/lib/onboarding/schemas";
import { segmentMembersQuery } from "@/lib/segments/schemas";
import { ruleTree } from "@/lib/rules/schema";
import { defineOperation, timestamp } from "../operation";
import { profileIdParams } from "./profiles";

const withheld = z.array(z.object({ trait: z.string(), purpose: z.string() })).meta({ description: "Traits consent hid from the engine, with the purpose that is not granted" });
const fallback = z
  .object({ reason: z.string(), withheld })
  .nullable()
  .meta({ description: "Set when the result is generic: why (consent withheld traits, or nothing matched)" });

export const recommendationsSchema = z
  .object({
    bundle: z.object({ key: z.string(), name: z.string() }).nullable().meta({ description: "The bundle chosen for the profile; null when the workspace has none for it" }),
    generic: z.boolean().meta({ description: "True when these are the bundle's generic picks" }),
    fallback,
    products: z.array(
      z.object({
        sku: z.string(),
        name: z.string(),
        description: z.string(),
        imageUrl: z.string().nullable(),
        url: z.string().nullable(),
        price: z.number(),
        currency: z.string(),
        category: z.string().nullable(),
        score: z.number(),
        explanation: z.string().nullable().meta({ example: "Because you told us: skin type: dry, sensitive skin" }),
        reasons: z.array(z.string()).meta({ description: "Each declared fact that raised the product" }),
      }),
    ),
    computedAt: timestamp,
  })
  .meta({ id: "Recommendations", description: "A ranked, explained bundle computed now from the profile's consented traits" });

export const getRecommendationsOp = defineOperation({
  operationId: "getRecommendations",
  method: "GET",
  path: "/api/v1/profiles/{id}/recommendations",
  summary: "The product bundle for a profile, each pick with its reason",
  description:
    "Computed now from the traits whose consent purpose the profile granted, the current catalog and the bundle rules. `quiz` limits to bundles offered on that quiz. When consent hides a trait the rules need, the bundle's generic picks come back with `generic: true` and `fallback` saying why.",
  tags: ["Personalization"],
  scope: "profiles:read",
  params: profileIdParams,
  query: z.object({ quiz: z.string().max(60).optional().meta({ description: "Only bundles offered on this quiz (by slug)" }) }),
  response: recommendationsSchema,
});

export const onboardingSchema = z
  .object({
    flow: z.object({ key: z.string(), name: z.string(), description: z.string() }),
    steps: z.array(
      z.object({
        key: z.string(),
        title: z.string(),
        bodyHtml: z.string().meta({ description: "The step's markdown, rendered and sanitised" }),
        cta: z.object({ label: z.string(), url: z.string() }).nullable(),
        completion: z.array(z.enum(["person", "api", "event"])).meta({ description: "Who may complete it" }),
        completed: z.object({ at: z.string(), by: z.enum(["person", "api", "event", "admin"]) }).nullable(),
      }),
    ),
    progress: z.object({ done: z.number().int(), total: z.number().int() }),
    assignedAt: timestamp,
    lastProgressAt: timestamp,
    completedAt: timestamp.nullable(),
    checklistUrl: z.string().meta({ description: "The hosted checklist for this person (signed link, 90 days)" }),
  })
  .meta({ id: "Onboarding", description: "A profile's current onboarding flow and its progress" });

export const getOnboardingOp = defineOperation({
  operationId: "getOnboarding",
  method: "GET",
  path: "/api/v1/profiles/{id}/onboarding",
  summary: "A profile's current onboarding flow and progress",
  description: "404 when no flow was assigned yet (flows are assigned when a quiz completes, or by POST).",
  tags: ["Personalization"],
  scope: "profiles:read",
  params: profileIdParams,
  response: onboardingSchema,
});

export const assignOnboardingOp = defineOperation({
  operationId: "assignOnboarding",
  method: "POST",
  path: "/api/v1/profiles/{id}/onboarding",
  summary: "Assign the onboarding flow for a profile",
  description:
    "Without `flow`, the engine chooses: the first persona flow whose audience holds on the profile's consented traits, else the generic flow. The persona's default preferences fill what the person has not chosen, and the lifecycle moves to onboarding. Progress on a flow assigned before is kept.",
  tags: ["Personalization"],
  scope: "profiles:write",
  params: profileIdParams,
  body: z.object({ flow: flowKey.optional().meta({ description: "Assign this flow instead of choosing" }) }).optional(),
  response: onboardingSchema.extend({ fallback }),
  maxBodyBytes: 4 * 1024,
});

export const completeOnboardingStepOp = defineOperation({
  operationId: "completeOnboardingStep",
  method: "POST",
  path: "/api/v1/profiles/{id}/onboarding/steps/{step}/complete",
  summary: "Complete an onboarding step",
  description:
    "For steps that the API may complete (403 otherwise). Emits `onboarding.step_completed`, and `onboarding.completed` with the last step (the lifecycle then moves to retention). Completing a done step again changes and emits nothing.",
  tags: ["Personalization"],
  scope: "profiles:write",
  params: profileIdParams.extend({ step: z.string().max(40).meta({ description: "The step's key", example: "first_event" }) }),
  body: completeStepInput.optional(),
  response: onboardingSchema,
  maxBodyBytes: 4 * 1024,
});

const lifecycleSchema = z
  .object({
    stage: lifecycleStage,
    since: timestamp.nullable(),
    source: z.string().nullable(),
    history: z.array(z.object({ from: lifecycleStage.nullable(), to: lifecycleStage, source: z.string(), at: timestamp })),
  })
  .meta({ id: "Lifecycle", description: "Where the profile stands, and every move with what caused it" });

export const getLifecycleOp = defineOperation({
  operationId: "getLifecycle",
  method: "GET",
  path: "/api/v1/profiles/{id}/lifecycle",
  summary: "A profile's lifecycle stage and its history",
  tags: ["Personalization"],
  scope: "profiles:read",
  params: profileIdParams,
  response: lifecycleSchema,
});

export const setLifecycleOp = defineOperation({
  operationId: "setLifecycle",
  method: "PUT",
  path: "/api/v1/profiles/{id}/lifecycle",
  summary: "Set a profile's lifecycle stage",
  description:
    "Any stage, forward or back (events only ever move a profile forward: quiz completed → consideration, flow assigned → onboarding, flow completed → retention). The change is kept in the history with `source` and emits `profile.updated`.",
  tags: ["Personalization"],
  scope: "profiles:write",
  params: profileIdParams,
  body: setStageInput.meta({ id: "SetLifecycle", example: { stage: "decision", source: "crm:trial_started" } }),
  response: lifecycleSchema,
  maxBodyBytes: 4 * 1024,
});

const segmentSchema = z.object({ id: z.string(), name: z.string(), description: z.string(), rule: ruleTree, createdAt: timestamp, updatedAt: timestamp }).meta({ id: "Segment" });

export const listSegmentsOp = defineOperation({
  operationId: "listSegments",
  method: "GET",
  path: "/api/v1/segments",
  summary: "The workspace's segments",
  tags: ["Personalization"],
  scope: "profiles:read",
  response: z.object({ data: z.array(segmentSchema) }),
});

export const listSegmentMembersOp = defineOperation({
  operationId: "listSegmentMembers",
  method: "GET",
  path: "/api/v1/segments/{id}/members",
  summary: "The profiles a segment matches now",
  description: "Active profiles for which the segment's rule holds on consented traits, in id order. Page with `after` = the previous page's `nextAfter`.",
  tags: ["Personalization"],
  scope: "profiles:read",
  params: z.object({ id: z.string().max(64).meta({ description: "Segment id", example: "seg_01jd3kq8x2f7m9c4t6v8b0n2p4" }) }),
  query: segmentMembersQuery,
  response: z.object({
    count: z.number().int().meta({ description: "How many profiles match in all" }),
    data: z.array(z.object({ id: z.string(), email: z.string().nullable(), externalId: z.string().nullable(), createdAt: timestamp })),
    nextAfter: z.string().nullable(),
  }),
});
