"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useState, type ReactNode } from "react";
import { CandorMark } from "@/components/brand/candor-mark";
import { icons } from "./icons";
import { SidebarNav } from "./sidebar-nav";
import { UserMenu } from "./user-menu";
import { WorkspaceSwitcher, type WorkspaceChoice } from "./workspace-switcher";

export interface AdminShellProps {
  workspace: WorkspaceChoice & { brandColor?: string };
  workspaces: WorkspaceChoice[];
  user: { email: string; name: string | null };
  signOutAction: () => Promise<void>;
  children: ReactNode;
}

function Brand() {
  return (
    <span className="flex items-center gap-2 text-base font-semibold text-foreground">
      <CandorMark className="h-7 w-7" />
      Candor
    </span>
  );
}

/** Sidebar on laptops; on phones a top bar whose menu button opens the same navigation as a drawer. */
export function AdminShell({ workspace, workspaces, user, signOutAction, children }: AdminShellProps) {
  const [drawerOpen, setDrawerOpen] = useState(false);
  const switcher = <WorkspaceSwitcher current={workspace} brandColor={workspace.brandColor} workspaces={workspaces} />;
  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[16rem_minmax(0,1fr)]">
      <aside className="sticky top-0 hidden h-dvh flex-col gap-5 border-r border-border bg-muted/40 px-3 py-4 lg:flex">
        <div className="px-2">
          <Brand />
        </div>
        {switcher}
        <div className="flex-1 overflow-y-auto">
          <SidebarNav slug={workspace.slug} />
        </div>
        <div className="border-t border-border pt-3">
          <UserMenu user={user} signOutAction={signOutAction} />
        </div>
      </aside>

      <header className="sticky top-0 z-40 flex h-14 items-center gap-3 border-b border-border bg-background/95 px-3 backdrop-blur lg:hidden">
        <Dialog.Root open={drawerOpen} onOpenChange={setDrawerOpen}>
          <Dialog.Trigger className="inline-flex h-10 w-10 items-center justify-center rounded-md text-foreground hover:bg-muted" aria-label="Open navigation">
            <icons.menu className="h-5 w-5" />
          </Dialog.Trigger>
          <Dialog.Portal>
            <Dialog.Overlay className="fixed inset-0 z-50 bg-slate-950/50" />
            <Dialog.Content className="fixed inset-y-0 left-0 z-50 flex w-[min(20rem,85vw)] flex-col gap-5 overflow-y-auto bg-background px-3 py-4 shadow-xl focus:outline-none">
              <Dialog.Title className="px-2">
                <Brand />
              </Dialog.Title>
              <Dialog.Description className="sr-only">Workspace navigation</Dialog.Description>
              {switcher}
              <SidebarNav slug={workspace.slug} onNavigate={() => setDrawerOpen(false)} />
              <Dialog.Close className="mt-auto self-start rounded-md px-3 py-2 text-sm font-medium text-muted-foreground hover:bg-muted hover:text-foreground">
                Close navigation
              </Dialog.Close>
            </Dialog.Content>
          </Dialog.Portal>
        </Dialog.Root>
        <span className="min-w-0 flex-1 truncate text-sm font-semibold text-foreground">{workspace.name}</span>
        <UserMenu user={user} signOutAction={signOutAction} compact />
      </header>

      <main id="main" tabIndex={-1} className="min-w-0 px-4 py-6 focus:outline-none sm:px-6 lg:px-10 lg:py-8">
        <div className="mx-auto max-w-6xl">{children}</div>
      </main>
    </div>
  );
}
