"use client";

import { useRef } from "react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { cn } from "@/lib/utils";

function initials(name: string | null, email: string): string {
  const source = name?.trim() || email;
  const parts = source.split(/[\s@._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (name && parts[1] ? parts[1][0] : "")).toUpperCase();
}

export function UserMenu({
  user,
  signOutAction,
  compact = false,
}: {
  user: { email: string; name: string | null };
  signOutAction: () => Promise<void>;
  compact?: boolean;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  return (
    <>
      {/* Sign-out is a POST. The form lives outside the menu, which unmounts as soon as an item is chosen. */}
      <form ref={formRef} action={signOutAction} className="hidden" />
      <DropdownMenu>
        <DropdownMenuTrigger
          aria-label={compact ? `Account: ${user.email}` : undefined}
          className={cn(
            "flex items-center gap-2.5 rounded-md text-left text-sm hover:bg-muted data-[state=open]:bg-muted",
            compact ? "p-1" : "w-full px-2.5 py-2",
          )}
        >
          <span aria-hidden="true" className="inline-flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-slate-200 text-xs font-semibold text-slate-700">
            {initials(user.name, user.email)}
          </span>
          {compact ? null : (
            <span className="min-w-0 flex-1">
              <span className="sr-only">Account: </span>
              {user.name ? <span className="block truncate font-medium text-foreground">{user.name}</span> : null}
              <span className="block truncate text-xs text-muted-foreground">{user.email}</span>
            </span>
          )}
        </DropdownMenuTrigger>
        <DropdownMenuContent align={compact ? "end" : "start"} side={compact ? "bottom" : "top"} className="w-60">
          <DropdownMenuLabel className="truncate font-normal">
            Signed in as <span className="font-semibold text-foreground">{user.email}</span>
          </DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => formRef.current?.requestSubmit()}>Sign out</DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  );
}
