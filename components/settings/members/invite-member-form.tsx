"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { fieldError, submittedValue } from "@/lib/forms/state";
import type { RowAction } from "./types";

const roleNames: Record<string, string> = { owner: "Owner", admin: "Admin", editor: "Editor", viewer: "Viewer" };

export function InviteMemberForm({ action, roles }: { action: RowAction; roles: string[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      {state?.ok ? (
        <Alert tone="success" live>
          {state.message}
        </Alert>
      ) : state && !Object.keys(state.fieldErrors).length ? (
        <Alert tone="danger" live>
          {state.error}
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_10rem] sm:items-start">
        <Field id="invite-email" label="Email" error={fieldError(state, "email")} required>
          <Input name="email" type="email" autoComplete="off" spellCheck={false} defaultValue={submittedValue(state, "email")} required />
        </Field>
        <Field id="invite-role" label="Invite as" error={fieldError(state, "role")}>
          <NativeSelect name="role" defaultValue={submittedValue(state, "role") ?? "editor"} aria-describedby="invite-roles-help">
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleNames[r] ?? r}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </div>
      <p id="invite-roles-help" className="text-sm text-muted-foreground">
        Owners can do everything, including the audit log. Admins manage settings, members and API keys. Editors build quizzes,
        preferences and personalization. Viewers can look but not change.
      </p>
      <div>
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? "Sending…" : "Send invitation"}
        </Button>
      </div>
    </form>
  );
}
