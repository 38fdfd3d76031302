"use client";

import { EndpointFields } from "./endpoint-fields";
import { SecretFormDialog, type SecretAction } from "./secret-form-dialog";

/** "Add endpoint": URL, description and filter, then the signing secret shown once. */
export function CreateEndpointDialog({ action }: { action: SecretAction }) {
  return (
    <SecretFormDialog
      action={action}
      wide
      copy={{
        trigger: "Add endpoint",
        title: "Add a webhook endpoint",
        description: "Every matching change is POSTed there, signed, and retried for about three days if it fails.",
        submit: "Add endpoint",
        pending: "Adding…",
        secretHeading: "Copy the signing secret",
      }}
      fields={(state) => <EndpointFields state={state} idPrefix="new-endpoint" />}
    />
  );
}
