"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { fieldError } from "@/lib/forms/state";
import type { SecretFormState } from "./secret-state";

type Action = (prev: SecretFormState, formData: FormData) => Promise<SecretFormState>;

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function SecretShown({ state, label }: { state: SecretFormState; label: string }) {
  if (!state?.ok || !("secret" in state)) return null;
  return (
    <div className="grid gap-2">
      <Input readOnly value={state.secret} aria-label={label} className="font-mono" onFocus={(e) => e.currentTarget.select()} />
      {"previousValidUntil" in state ? (
        <p className="text-sm text-muted-foreground">
          {state.previousValidUntil
            ? `The previous secret keeps verifying until ${dateTime.format(new Date(state.previousValidUntil))} UTC.`
            : "The previous secret stopped working now."}
        </p>
      ) : null}
    </div>
  );
}

function ErrorOf({ state }: { state: SecretFormState }) {
  return state && !state.ok ? (
    <Alert tone="danger" live>
      {state.error}
    </Alert>
  ) : null;
}

/** The secret a brand's server uses to compute `userHash` for embeds and browser identification. */
export function IdentitySecretCard({ reveal, rotate }: { reveal: Action; rotate: Action }) {
  const [revealed, revealAction, revealing] = useActionState(reveal, null);
  const [rotated, rotateAction, rotating] = useActionState(rotate, null);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Identity secret</CardTitle>
        <CardDescription>
          Your server computes <code className="font-mono">userHash = HMAC-SHA256(secret, externalId)</code> (hex) for each signed-in customer, so
          Candor trusts an <code className="font-mono">externalId</code> that a browser sends only when your server vouched for it. Keep the secret
          on your server; never put it in a page.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <form action={revealAction} className="grid gap-3">
          <ErrorOf state={revealed} />
          <SecretShown state={revealed} label="Current identity secret" />
          <div>
            <Button type="submit" variant="secondary" disabled={revealing}>
              {revealing ? "Revealing…" : "Reveal current secret"}
            </Button>
          </div>
          <p className="text-sm text-muted-foreground">Each reveal is written to the audit log.</p>
        </form>
        <form action={rotateAction} className="grid max-w-md gap-3">
          <ErrorOf state={rotated} />
          <Field id="grace-hours" label="Old secret keeps working for" error={fieldError(rotated, "graceHours")}>
            <NativeSelect name="graceHours" defaultValue="72">
              <option value="0">No time — it leaked, stop it now</option>
              <option value="24">24 hours</option>
              <option value="72">3 days</option>
              <option value="168">7 days</option>
            </NativeSelect>
          </Field>
          <SecretShown state={rotated} label="New identity secret" />
          <div>
            <Button type="submit" disabled={rotating}>
              {rotating ? "Rotating…" : "Rotate identity secret"}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
