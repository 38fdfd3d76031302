import type { AnyOperation } from "./operation";
import { getWorkspaceOp } from "./operations/workspace";
import { listEventsOp } from "./operations/events";
import { eraseProfileOp, exportProfileOp, getProfileOp, listProfilesOp, upsertProfileOp } from "./operations/profiles";
import { listConsentsOp, recordConsentOp } from "./operations/consents";
import { createTraitDefinitionOp, getProfileTraitsOp, listTraitDefinitionsOp, setProfileTraitsOp } from "./operations/traits";
import { canSendOp, createLinksOp, getPreferencesOp, listAudienceOp, listTopicsOp, updatePreferencesOp } from "./operations/preferences";
import { getQuizOp, listQuizResponsesOp, listQuizzesOp, submitQuizResponseOp } from "./operations/quizzes";
import {
  assignOnboardingOp,
  completeOnboardingStepOp,
  getLifecycleOp,
  getOnboardingOp,
  getRecommendationsOp,
  listSegmentMembersOp,
  listSegmentsOp,
  setLifecycleOp,
} from "./operations/personalization";
import {
  createWebhookEndpointOp,
  deleteWebhookEndpointOp,
  getWebhookDeliveryOp,
  getWebhookEndpointOp,
  listWebhookDeliveriesOp,
  listWebhookEndpointsOp,
  replayFailedWebhookDeliveriesOp,
  replayWebhookDeliveryOp,
  rotateWebhookSecretOp,
  sendWebhookTestOp,
  updateWebhookEndpointOp,
} from "./operations/webhooks";
import { recordConversionOp } from "./operations/conversions";

/** Tags group operations in the OpenAPI document and the API reference page, in this order. */
export const apiTags = [
  { name: "Workspace", description: "The workspace an API key belongs to" },
  { name: "Events", description: "The workspace's domain events, the same ones webhooks deliver" },
  { name: "Profiles", description: "End users: upsert by externalId or email, read, export and erase" },
  { name: "Consent", description: "The append-only, hash-chained consent ledger of each profile" },
  { name: "Traits", description: "The workspace's trait vocabulary and each profile's declared traits with provenance" },
  { name: "Preferences", description: "Topics × channels, frequency, pause and unsubscribe-all; one-click unsubscribe links; \"may I send?\" and audiences for ESP syncs" },
  { name: "Quizzes", description: "Published quiz definitions, server-side submission and the responses people gave" },
  { name: "Personalization", description: "Explained product bundles, onboarding flows and their progress, lifecycle stages and segments — all computed from consented traits" },
  { name: "Conversions", description: "Purchases and other valued goals, attributed to the bundle and flow each person was shown, for conversion and revenue analytics" },
  {
    name: "Webhooks",
    description:
      "Endpoints that receive every change as a Standard Webhooks POST (`webhook-id`, `webhook-timestamp`, `webhook-signature`), with retries for about three days, a delivery log and replay",
  },
] as const;

/**
 * Every operation of /api/v1. A new operation is defined in operations/<resource>.ts, listed
 * here, and served by a route file that passes it to `withApiKey`; a test checks all three agree.
 */
export const apiOperations: AnyOperation[] = [
  getWorkspaceOp,
  listEventsOp,
  upsertProfileOp,
  listProfilesOp,
  getProfileOp,
  eraseProfileOp,
  exportProfileOp,
  listConsentsOp,
  recordConsentOp,
  listTraitDefinitionsOp,
  createTraitDefinitionOp,
  getProfileTraitsOp,
  setProfileTraitsOp,
  listTopicsOp,
  getPreferencesOp,
  updatePreferencesOp,
  createLinksOp,
  canSendOp,
  listAudienceOp,
  listQuizzesOp,
  getQuizOp,
  submitQuizResponseOp,
  listQuizResponsesOp,
  getRecommendationsOp,
  getOnboardingOp,
  assignOnboardingOp,
  completeOnboardingStepOp,
  getLifecycleOp,
  setLifecycleOp,
  listSegmentsOp,
  listSegmentMembersOp,
  recordConversionOp,
  createWebhookEndpointOp,
  listWebhookEndpointsOp,
  getWebhookEndpointOp,
  updateWebhookEndpointOp,
  deleteWebhookEndpointOp,
  rotateWebhookSecretOp,
  sendWebhookTestOp,
  listWebhookDeliveriesOp,
  replayFailedWebhookDeliveriesOp,
  getWebhookDeliveryOp,
  replayWebhookDeliveryOp,
];
