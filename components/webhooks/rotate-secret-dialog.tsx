"use client";

import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import { fieldError } from "@/lib/forms/state";
import { SecretFormDialog, type SecretAction } from "./secret-form-dialog";

const overlaps = [
  { seconds: 24 * 3600, label: "24 hours (recommended)" },
  { seconds: 3600, label: "1 hour" },
  { seconds: 7 * 24 * 3600, label: "7 days" },
  { seconds: 0, label: "None: the old secret stops at once" },
];

/** Rotate the signing secret; during the overlap every delivery carries both signatures. */
export function RotateSecretDialog({ action }: { action: SecretAction }) {
  return (
    <SecretFormDialog
      action={action}
      copy={{
        trigger: "Rotate secret",
        triggerVariant: "secondary",
        title: "Rotate the signing secret",
        description:
          "A new secret signs every delivery from now on. During the overlap the old one signs too (two signatures in webhook-signature), so your receiver can switch without rejecting anything.",
        submit: "Rotate secret",
        pending: "Rotating…",
        secretHeading: "Copy the new signing secret",
      }}
      fields={(state) => (
        <Field id="rotate-overlap" label="Keep the old secret signing for" error={fieldError(state, "overlapSeconds")}>
          <NativeSelect name="overlapSeconds" defaultValue={String(24 * 3600)}>
            {overlaps.map((o) => (
              <option key={o.seconds} value={o.seconds}>
                {o.label}
              </option>
            ))}
          </NativeSelect>
        </Field>
      )}
    />
  );
}
