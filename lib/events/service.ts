import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { events } from "@/lib/db/schema";
import { newId } from "@/lib/core/ids";
import { parseInput } from "@/lib/core/errors";
import { eventCatalogue, type EventData, type EventType } from "./catalogue";

export interface EmittedEvent {
  id: string;
  seq: number;
  type: EventType;
  data: Record<string, unknown>;
  createdAt: Date;
}

type Listener = (workspaceId: string, event: EmittedEvent) => void;
const listeners = new Set<Listener>();

/** Subscribe to events after insert (used to wake delivery); the row is the source of truth. */
export function onEventEmitted(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Record a domain event. Call it with the transaction of the change it describes, so the
 * change and its event commit together or not at all.
 */
export async function emit<T extends EventType>(
  tx: Db,
  workspaceId: string,
  type: T,
  data: EventData<T>,
  opts: { subjectId?: string } = {},
): Promise<EmittedEvent> {
  const parsed = parseInput(eventCatalogue[type], data) as Record<string, unknown>;
  const subjectId = opts.subjectId ?? (typeof parsed.profileId === "string" ? parsed.profileId : null);
  const [row] = await tx
    .insert(events)
    .values({ id: newId("event"), workspaceId, type, subjectId, data: parsed })
    .returning();
  if (!row) throw new Error("event insert returned no row");
  const emitted: EmittedEvent = { id: row.id, seq: row.seq, type, data: parsed, createdAt: row.createdAt };
  for (const l of listeners) l(workspaceId, emitted);
  return emitted;
}

/** Newest events of a workspace, optionally of one type, paginated by `seq`. */
export async function listEvents(
  db: Db,
  p: { workspaceId: string; type?: string; subjectId?: string; beforeSeq?: number; limit?: number },
) {
  return db
    .select()
    .from(events)
    .where(
      and(
        eq(events.workspaceId, p.workspaceId),
        p.type ? eq(events.type, p.type) : undefined,
        p.subjectId ? eq(events.subjectId, p.subjectId) : undefined,
        p.beforeSeq ? lt(events.seq, p.beforeSeq) : undefined,
      ),
    )
    .orderBy(desc(events.seq))
    .limit(Math.min(p.limit ?? 50, 500));
}
