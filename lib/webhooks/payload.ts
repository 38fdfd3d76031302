/** The event fields a webhook body is built from. */
export interface PayloadEvent {
  id: string;
  seq: number;
  type: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

/**
 * The exact body sent (and signed) for an event: `{"type","timestamp","data"}`. `data` carries the
 * event id and `version` (the event's sequence number, which only grows), so a receiver can drop
 * an update older than one it already applied for the same profile.
 */
export function buildWebhookPayload(event: PayloadEvent): string {
  return JSON.stringify({
    type: event.type,
    timestamp: event.createdAt.toISOString(),
    data: { ...event.data, eventId: event.id, version: event.seq },
  });
}

/** What remains of a body once its profile has been erased: the type, time, ids and version. */
export function scrubbedPayload(payload: string): string {
  try {
    const parsed = JSON.parse(payload) as { type?: unknown; timestamp?: unknown; data?: Record<string, unknown> };
    const data = parsed.data ?? {};
    return JSON.stringify({
      type: parsed.type,
      timestamp: parsed.timestamp,
      data: { profileId: data.profileId, eventId: data.eventId, version: data.version, erased: true },
    });
  } catch {
    return JSON.stringify({ erased: true });
  }
}
