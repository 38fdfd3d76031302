"use client";

import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { useState, useTransition, type ReactElement, type ReactNode } from "react";
import { cn } from "@/lib/utils";
import { Button, buttonClasses } from "./button";
import { overlayClasses, panelClasses } from "./dialog";

export interface ConfirmDialogProps {
  /** The element that opens the dialog (usually a Button). */
  trigger: ReactElement;
  title: ReactNode;
  description: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** Runs on confirm with the hidden `fields` as FormData; the dialog closes when it settles. */
  action: (formData: FormData) => void | Promise<void>;
  fields?: Record<string, string>;
  /** Destructive actions get the danger style (the default). */
  tone?: "danger" | "primary";
}

/** Asks before a destructive action; focus starts on Cancel so Enter never destroys by accident. */
export function ConfirmDialog({ trigger, title, description, confirmLabel, cancelLabel = "Cancel", action, fields, tone = "danger" }: ConfirmDialogProps) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => !pending && setOpen(next)}>
      <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={overlayClasses} />
        <AlertDialog.Content className={panelClasses}>
          <div className="grid gap-1.5">
            <AlertDialog.Title className="text-lg font-semibold text-foreground">{title}</AlertDialog.Title>
            <AlertDialog.Description className="text-sm text-muted-foreground">{description}</AlertDialog.Description>
          </div>
          <form
            className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end"
            action={(formData) =>
              startTransition(async () => {
                await action(formData);
                setOpen(false);
              })
            }
          >
            {Object.entries(fields ?? {}).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <AlertDialog.Cancel className={buttonClasses("secondary")} disabled={pending}>
              {cancelLabel}
            </AlertDialog.Cancel>
            <Button type="submit" variant={tone} disabled={pending} aria-disabled={pending} className={cn(pending && "cursor-progress")}>
              {pending ? "Working…" : confirmLabel}
            </Button>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
