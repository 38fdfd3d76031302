"use client";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** Revoke with a confirmation: calls using the key start failing with 401 right away. */
export function RevokeApiKeyButton({ id, name, prefix, action }: { id: string; name: string; prefix: string; action: (formData: FormData) => Promise<void> }) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary" size="sm" aria-label={`Revoke ${name} (${prefix}…)`}>
          Revoke
        </Button>
      }
      title={`Revoke “${name}”?`}
      description={`Requests with ${prefix}… will be refused from now on. This cannot be undone.`}
      confirmLabel="Revoke key"
      action={action}
      fields={{ id }}
    />
  );
}
