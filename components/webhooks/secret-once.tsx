"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { CopyButton } from "@/components/api/copy-button";
import type { FormState } from "@/lib/forms/state";

/** What creating an endpoint or rotating its secret answers: the secret once, or the form's errors. */
export type SecretShownState = { ok: true; secret: string; title: string; href: string } | Exclude<FormState, { ok: true }>;

/** The signing secret, shown this one time with a copy button. */
export function SecretOnce({ state, heading, onDone }: { state: Extract<SecretShownState, { ok: true }>; heading: string; onDone: () => void }) {
  return (
    <>
      <DialogHeader>
        <DialogTitle>{heading}</DialogTitle>
        <DialogDescription>{state.title}</DialogDescription>
      </DialogHeader>
      <Alert tone="warning" title="This is the only time the secret is shown" live>
        Store it where your receiver verifies signatures (for example with the Standard Webhooks library of your language). If it is lost, rotate it.
      </Alert>
      <div className="flex items-center gap-2">
        <Input readOnly value={state.secret} aria-label="Signing secret" className="font-mono" onFocus={(e) => e.currentTarget.select()} />
        <CopyButton value={state.secret} />
      </div>
      <DialogFooter>
        <Link href={state.href} className={buttonClasses("primary")} onClick={onDone}>
          I have stored it
        </Link>
      </DialogFooter>
    </>
  );
}
