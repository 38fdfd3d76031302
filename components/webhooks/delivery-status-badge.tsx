import { Badge, type BadgeTone } from "@/components/ui/badge";

const tones: Record<string, BadgeTone> = { pending: "warning", succeeded: "success", failed: "danger", cancelled: "neutral" };

/** A delivery's status: pending (sending or waiting to retry), succeeded, failed, cancelled. */
export function DeliveryStatusBadge({ status }: { status: string }) {
  return <Badge tone={tones[status] ?? "neutral"}>{status}</Badge>;
}
