import "server-only";
import type { Db } from "@/lib/db/client";
import type { Conversion } from "@/lib/db/schema";
import { AppError, parseInput } from "@/lib/core/errors";
import { systemClock, type Clock } from "@/lib/core/clock";
import { newId } from "@/lib/core/ids";
import { emit } from "@/lib/events/service";
import { requireActiveProfile } from "@/lib/profiles/lookup";
import { recordConversionInput } from "./schemas";
import * as q from "./queries";

export interface ConversionView {
  id: string;
  profileId: string;
  value: number;
  currency: string;
  skus: string[];
  idempotencyKey: string | null;
  occurredAt: Date;
  createdAt: Date;
  /** What the person had been shown when the conversion was recorded. */
  attribution: { responseId: string | null; quizId: string | null; bundle: string | null; flow: string | null; personalized: boolean | null };
}

export function toConversionView(c: Conversion): ConversionView {
  return {
    id: c.id,
    profileId: c.profileId,
    value: Number(c.value),
    currency: c.currency,
    skus: c.skus,
    idempotencyKey: c.idempotencyKey,
    occurredAt: c.occurredAt,
    createdAt: c.createdAt,
    attribution: { responseId: c.responseId, quizId: c.quizId, bundle: c.bundleKey, flow: c.flowKey, personalized: c.personalized },
  };
}

const sameRequest = (c: Conversion, profileId: string, v: { value: number; currency: string; skus: string[] }) =>
  c.profileId === profileId && Number(c.value) === Math.round(v.value * 100) / 100 && c.currency === v.currency && [...c.skus].sort().join("\n") === [...v.skus].sort().join("\n");

/**
 * Record a conversion for a profile, attributed now to what they were last shown (their latest
 * completed response's bundle and flow, personalized or generic). With an idempotency key the
 * conversion is recorded once: the same request again answers the first conversion (`replayed`),
 * the same key with a different request is refused. Another workspace's profile is 404.
 */
export async function recordConversion(
  db: Db,
  workspaceId: string,
  profileId: string,
  input: unknown,
  clock: Clock = systemClock,
): Promise<{ conversion: ConversionView; replayed: boolean }> {
  const data = parseInput(recordConversionInput, input);
  const profile = await requireActiveProfile(db, workspaceId, profileId);
  const replay = (existing: Conversion) => {
    if (!sameRequest(existing, profile.id, data)) {
      throw new AppError("unprocessable", "This idempotency key was already used for a different conversion", {
        fields: [{ path: "idempotencyKey", message: "Already used for a different conversion" }],
      });
    }
    return { conversion: toConversionView(existing), replayed: true };
  };
  if (data.idempotencyKey) {
    const existing = await q.findConversionByKey(db, { workspaceId, idempotencyKey: data.idempotencyKey });
    if (existing) return replay(existing);
  }
  return db.transaction(async (tx) => {
    const shown = await q.latestShown(tx, { workspaceId, profileId: profile.id });
    const now = clock.now();
    const row = await q.insertConversion(tx, {
      id: newId("conversion"),
      workspaceId,
      profileId: profile.id,
      value: Math.round(data.value * 100) / 100,
      currency: data.currency,
      skus: data.skus,
      idempotencyKey: data.idempotencyKey ?? null,
      responseId: shown?.responseId ?? null,
      quizId: shown?.quizId ?? null,
      bundleKey: shown?.bundleKey ?? null,
      flowKey: shown?.flowKey ?? null,
      personalized: shown ? (shown.personalized ?? false) : null,
      occurredAt: data.occurredAt ? new Date(data.occurredAt) : now,
      createdAt: now,
    });
    if (!row) {
      // A concurrent request with the same key won the insert.
      const existing = await q.findConversionByKey(tx, { workspaceId, idempotencyKey: data.idempotencyKey! });
      if (!existing) throw new AppError("conflict", "The conversion could not be recorded; try again");
      return replay(existing);
    }
    const view = toConversionView(row);
    await emit(
      tx,
      workspaceId,
      "conversion.recorded",
      { profileId: profile.id, conversionId: row.id, value: view.value, currency: row.currency, skus: row.skus, attribution: view.attribution },
    );
    return { conversion: view, replayed: false };
  });
}
