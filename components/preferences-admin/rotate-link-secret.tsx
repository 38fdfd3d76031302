"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { FormState } from "@/lib/forms/state";

/** Rotate the workspace's link secret, after asking: every link already sent stops working. */
export function RotateLinkSecret({ action }: { action: (prev: FormState, formData: FormData) => Promise<FormState> }) {
  const [state, setState] = useState<FormState>(null);
  return (
    <div className="grid gap-3">
      {state ? (
        <Alert tone={state.ok ? "success" : "danger"} live>
          {state.ok ? state.message : state.error}
        </Alert>
      ) : null}
      <div>
        <ConfirmDialog
          trigger={<Button variant="danger">Rotate link secret</Button>}
          title="Stop every link sent so far?"
          description="Preference-center, one-click unsubscribe and confirmation links in mail already sent will stop working. People who open one get a page that mails them a fresh link."
          confirmLabel="Rotate secret"
          action={async (formData) => setState(await action(null, formData))}
        />
      </div>
    </div>
  );
}
