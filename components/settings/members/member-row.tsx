"use client";

import { useActionState, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { NativeSelect } from "@/components/ui/native-select";
import { TableCell, TableRow } from "@/components/ui/table";
import type { FormState } from "@/lib/forms/state";
import type { MemberRowData, RowAction } from "./types";

export function MemberRow({
  member,
  assignable,
  canManage,
  changeRole,
  remove,
}: {
  member: MemberRowData;
  /** Roles the viewer may give; empty when they may not touch this member. */
  assignable: string[];
  canManage: boolean;
  changeRole: RowAction;
  remove: RowAction;
}) {
  const [roleState, roleAction, rolePending] = useActionState(changeRole, null);
  const [removeState, setRemoveState] = useState<FormState>(null);
  const label = member.name ? `${member.name} (${member.email})` : member.email;
  const status = removeState && !removeState.ok ? removeState : roleState;
  return (
    <TableRow>
      {/* Long addresses wrap anywhere so the table fits a phone. */}
      <TableCell className="min-w-36 [overflow-wrap:anywhere]">
        <div className="font-medium text-foreground">
          {member.name ?? member.email}
          {member.isYou ? (
            <Badge className="ml-2" tone="brand">
              You
            </Badge>
          ) : null}
        </div>
        {member.name ? <div className="text-muted-foreground">{member.email}</div> : null}
        {status ? (
          <p role={status.ok ? "status" : "alert"} className={status.ok ? "mt-1 text-sm text-success" : "mt-1 text-sm text-danger"}>
            {status.ok ? status.message : (Object.values(status.fieldErrors)[0] ?? status.error)}
          </p>
        ) : null}
      </TableCell>
      <TableCell>
        {canManage && assignable.length ? (
          <form action={roleAction} className="flex flex-wrap items-center gap-2">
            <input type="hidden" name="memberId" value={member.id} />
            <NativeSelect name="role" defaultValue={member.role} aria-label={`Role of ${label}`} className="h-8 w-32 py-0">
              {assignable.map((r) => (
                <option key={r} value={r}>
                  {r[0]!.toUpperCase() + r.slice(1)}
                </option>
              ))}
            </NativeSelect>
            <Button type="submit" size="sm" variant="secondary" disabled={rolePending}>
              Update<span className="sr-only"> role of {label}</span>
            </Button>
          </form>
        ) : (
          <span className="capitalize">{member.role}</span>
        )}
      </TableCell>
      <TableCell className="hidden whitespace-nowrap text-muted-foreground sm:table-cell">{member.joined}</TableCell>
      <TableCell className="text-right">
        {canManage && assignable.length ? (
          <ConfirmDialog
            trigger={
              <Button variant="ghost" size="sm" className="text-danger hover:bg-red-50">
                Remove<span className="sr-only"> {label}</span>
              </Button>
            }
            title={member.isYou ? "Leave this workspace?" : `Remove ${member.name ?? member.email}?`}
            description={
              member.isYou
                ? "You will lose access right away. Someone with the admin role has to invite you again to come back."
                : "They lose access right away. Their past actions stay in the audit log. You can invite them again later."
            }
            confirmLabel={member.isYou ? "Leave workspace" : "Remove member"}
            fields={{ memberId: member.id }}
            action={async (formData) => setRemoveState(await remove(null, formData))}
          />
        ) : null}
      </TableCell>
    </TableRow>
  );
}
