// Client-safe: the messages an embed frame and the host page exchange with postMessage.
import type { OutcomeFlow, OutcomeProduct } from "@/lib/quizzes/result";

/** Every message carries this tag so the host can tell Candor's messages from other frames'. */
export const PROTOCOL = "candor";

export interface EmbedEvents {
  ready: { kind: "quiz" | "preferences" | "checklist"; path: string };
  resize: { height: number };
  "quiz.started": { quiz: string };
  "quiz.answered": { quiz: string; question: string; answered: number };
  "quiz.completed": { quiz: string; ending: string | null; bundle: OutcomeProduct[]; flow: OutcomeFlow | null };
  "preferences.saved": { workspace: string; status: string[] };
  /** A step ticked off in an embedded checklist; `completed` when it was the flow's last. */
  "onboarding.step_completed": { workspace: string; flow: string; step: string; progress: { done: number; total: number }; completed: boolean };
  close: Record<string, never>;
}

export type EmbedEventName = keyof EmbedEvents;
export type EmbedMessage = { [K in EmbedEventName]: { candor: typeof PROTOCOL; type: K; data: EmbedEvents[K] } }[EmbedEventName];

export const EVENT_NAMES: readonly EmbedEventName[] = ["ready", "resize", "quiz.started", "quiz.answered", "quiz.completed", "preferences.saved", "onboarding.step_completed", "close"];

/** Messages the host page may send into a frame. */
export type HostMessage = { candor: typeof PROTOCOL; type: "hello" | "close" };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Accept a message only from the expected origin and with a known shape; anything else is
 * dropped (the loader and the frame script apply the same rule).
 */
export function acceptMessage(event: { origin: string; data: unknown }, expectedOrigin: string): EmbedMessage | null {
  if (!expectedOrigin || event.origin !== expectedOrigin) return null;
  const d = event.data;
  if (!isRecord(d) || d.candor !== PROTOCOL || typeof d.type !== "string" || !isRecord(d.data)) return null;
  if (!(EVENT_NAMES as readonly string[]).includes(d.type)) return null;
  if (d.type === "resize" && !(typeof d.data.height === "number" && d.data.height >= 0 && d.data.height < 100_000)) return null;
  return d as unknown as EmbedMessage;
}
