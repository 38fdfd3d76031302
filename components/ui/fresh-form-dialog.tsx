"use client";

import { Fragment, useState, type ReactNode } from "react";
import { Dialog, DialogContent, DialogTrigger } from "./dialog";

/**
 * A dialog whose form starts fresh every time it opens: what the last opening showed (a secret,
 * a key shown once, an error) never reappears. `children` gets `close` for the form's own Done button.
 */
export function FreshFormDialog({ trigger, contentClassName, children }: { trigger: ReactNode; contentClassName?: string; children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  const [generation, setGeneration] = useState(0);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setGeneration((g) => g + 1);
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className={contentClassName}>
        <Fragment key={generation}>{children(() => setOpen(false))}</Fragment>
      </DialogContent>
    </Dialog>
  );
}
