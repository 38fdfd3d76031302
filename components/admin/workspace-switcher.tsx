"use client";

import Link from "next/link";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { readableOn } from "@/lib/core/color";
import { cn } from "@/lib/utils";
import { icons } from "./icons";

export interface WorkspaceChoice {
  slug: string;
  name: string;
  role: string;
}

function Swatch({ name, color }: { name: string; color?: string }) {
  return (
    <span
      aria-hidden="true"
      className="inline-flex h-7 w-7 shrink-0 items-center justify-center rounded-md text-xs font-bold"
      style={color && /^#[0-9a-fA-F]{6}$/.test(color) ? { background: color, color: readableOn(color) } : { background: "var(--brand)", color: "var(--brand-foreground)" }}
    >
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}

export function WorkspaceSwitcher({ current, brandColor, workspaces }: { current: WorkspaceChoice; brandColor?: string; workspaces: WorkspaceChoice[] }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className={cn(
          "flex w-full items-center gap-2.5 rounded-md border border-border bg-background px-2.5 py-2 text-left text-sm shadow-sm hover:bg-muted",
          "data-[state=open]:bg-muted",
        )}
      >
        <Swatch name={current.name} color={brandColor} />
        <span className="min-w-0 flex-1">
          <span className="sr-only">Workspace: </span>
          <span className="block truncate font-semibold text-foreground">{current.name}</span>
          <span className="block truncate text-xs text-muted-foreground capitalize">{current.role}</span>
        </span>
        <icons.chevronUpDown className="h-4 w-4 shrink-0 text-muted-foreground" />
        <span className="sr-only">, switch workspace</span>
      </DropdownMenuTrigger>
      <DropdownMenuContent className="w-64">
        <DropdownMenuLabel>Your workspaces</DropdownMenuLabel>
        {workspaces.map((ws) => (
          <DropdownMenuItem key={ws.slug} asChild>
            <Link href={`/w/${ws.slug}`} aria-current={ws.slug === current.slug ? "page" : undefined}>
              <span className="min-w-0 flex-1 truncate">{ws.name}</span>
              {ws.slug === current.slug ? (
                <>
                  <icons.check className="h-4 w-4 text-brand" />
                  <span className="sr-only">(current)</span>
                </>
              ) : null}
            </Link>
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/onboarding">
            <icons.plus className="h-4 w-4" />
            Create a workspace
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
