import type { Metadata } from "next";
import Link from "next/link";
import { CreateWorkspaceForm } from "@/components/onboarding/create-workspace-form";
import { CandorMark } from "@/components/brand/candor-mark";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/core/env";
import { listWorkspacesForUser } from "@/lib/workspaces/queries";
import { signOutAction } from "@/app/(auth)/signout/actions";
import { createWorkspaceAction } from "./actions";

export const metadata: Metadata = { title: "Create a workspace" };

export default async function OnboardingPage() {
  const user = await requireUser("/onboarding");
  const existing = await listWorkspacesForUser(await getDb(), user.id);
  return (
    <div className="flex min-h-dvh flex-col bg-muted/60">
      <header className="flex items-center justify-between px-6 py-5">
        <span className="inline-flex items-center gap-2 text-base font-semibold">
          <CandorMark className="h-7 w-7" />
          Candor
        </span>
        <form action={signOutAction} className="flex items-center gap-3 text-sm text-muted-foreground">
          <span className="hidden sm:inline">{user.email}</span>
          <Button type="submit" variant="ghost" size="sm">
            Sign out
          </Button>
        </form>
      </header>
      <main id="main" className="flex flex-1 justify-center px-4 pt-6 pb-16 sm:pt-12">
        <div className="w-full max-w-lg">
          <Card>
            <CardHeader>
              <h1 className="text-xl font-semibold tracking-tight">{existing.length ? "Create another workspace" : "Create your workspace"}</h1>
              <p className="text-sm text-muted-foreground">
                A workspace holds one brand’s quizzes, audience, preferences and API keys. You will be its owner and can invite your team next.
              </p>
            </CardHeader>
            <CardContent>
              <CreateWorkspaceForm action={createWorkspaceAction} origin={env().APP_URL.replace(/^https?:\/\//, "")} />
            </CardContent>
          </Card>
          {existing.length ? (
            <p className="mt-6 text-center text-sm text-muted-foreground">
              Or go back to{" "}
              {existing.map((w, i) => (
                <span key={w.slug}>
                  {i > 0 ? ", " : null}
                  <Link href={`/w/${w.slug}`} className="font-medium text-brand underline-offset-4 hover:underline">
                    {w.name}
                  </Link>
                </span>
              ))}
              .
            </p>
          ) : null}
        </div>
      </main>
    </div>
  );
}
