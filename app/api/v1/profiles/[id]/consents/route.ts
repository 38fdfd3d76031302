import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/fallback";
import { listConsentsOp, recordConsentOp } from "@/lib/api/operations/consents";
import { consentActorOf, getConsentState, listConsentRecords, recordConsent } from "@/lib/consent/ledger";

// GET /api/v1/profiles/{id}/consents — the ledger (newest first) and current consent per purpose
export const GET = withApiKey(listConsentsOp, async ({ db, workspaceId, params }) => {
  const data = await listConsentRecords(db, workspaceId, params.id);
  return { current: await getConsentState(db, workspaceId, params.id), data };
});

// POST /api/v1/profiles/{id}/consents — record a grant or withdrawal
export const POST = withApiKey(recordConsentOp, async ({ db, workspaceId, params, body, actor, clock }) => {
  const { record } = await recordConsent(
    db,
    workspaceId,
    { profileId: params.id, purpose: body.purpose, action: body.action },
    {
      method: body.method,
      actor: consentActorOf(actor),
      collectionPoint: body.collectionPoint ?? "api",
      locale: body.locale,
      noticeVersionId: body.noticeVersionId,
      sourceUrl: body.sourceUrl,
      clock,
    },
  );
  return record;
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"]);
