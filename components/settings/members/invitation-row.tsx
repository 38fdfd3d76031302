"use client";

import { useActionState, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TableCell, TableRow } from "@/components/ui/table";
import type { FormState } from "@/lib/forms/state";
import type { InvitationRowData, RowAction } from "./types";

export function InvitationRow({ invitation, resend, revoke }: { invitation: InvitationRowData; resend: RowAction; revoke: RowAction }) {
  const [resendState, resendAction, pending] = useActionState(resend, null);
  const [revokeState, setRevokeState] = useState<FormState>(null);
  const status = revokeState ?? resendState;
  return (
    <TableRow>
      {/* Long addresses wrap anywhere so the table fits a phone. */}
      <TableCell className="min-w-36 [overflow-wrap:anywhere]">
        <div className="font-medium text-foreground">{invitation.email}</div>
        {invitation.invitedBy ? <div className="text-muted-foreground">Invited by {invitation.invitedBy}</div> : null}
        {status ? (
          <p role={status.ok ? "status" : "alert"} className={status.ok ? "mt-1 text-sm text-success" : "mt-1 text-sm text-danger"}>
            {status.ok ? status.message : status.error}
          </p>
        ) : null}
      </TableCell>
      <TableCell className="capitalize">{invitation.role}</TableCell>
      <TableCell className="whitespace-nowrap">
        {invitation.expired ? <Badge tone="warning">Expired</Badge> : <span className="text-muted-foreground">Until {invitation.expires}</span>}
      </TableCell>
      <TableCell>
        <div className="flex justify-end gap-1">
          <form action={resendAction}>
            <input type="hidden" name="invitationId" value={invitation.id} />
            <Button type="submit" variant="ghost" size="sm" disabled={pending}>
              Resend<span className="sr-only"> to {invitation.email}</span>
            </Button>
          </form>
          <ConfirmDialog
            trigger={
              <Button variant="ghost" size="sm" className="text-danger hover:bg-red-50">
                Revoke<span className="sr-only"> invitation to {invitation.email}</span>
              </Button>
            }
            title={`Withdraw the invitation to ${invitation.email}?`}
            description="The link in their email stops working. You can invite them again later."
            confirmLabel="Withdraw invitation"
            fields={{ invitationId: invitation.id }}
            action={async (formData) => setRevokeState(await revoke(null, formData))}
          />
        </div>
      </TableCell>
    </TableRow>
  );
}
