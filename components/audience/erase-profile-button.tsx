"use client";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function EraseProfileButton({ action, who }: { action: () => Promise<void>; who: string }) {
  return (
    <ConfirmDialog
      trigger={<Button variant="danger">Erase…</Button>}
      title={`Erase ${who}?`}
      description="Their traits, history, quiz answers, event and webhook payloads and mail logs are deleted; consent records keep their evidence without IP, browser or URL; the email goes on the suppression list. This cannot be undone."
      confirmLabel="Erase everything"
      action={async () => action()}
    />
  );
}
