import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { currentUser } from "@/lib/auth/guards";
import { enabledOAuthProviders } from "@/lib/auth/config";
import { safeReturnPath } from "@/lib/auth/sign-in-schemas";
import { requestSignInLink, signInWithOAuth } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const callbackUrl = safeReturnPath(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const providers = enabledOAuthProviders();
  const email = typeof params.email === "string" ? params.email : undefined;
  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold tracking-tight">Sign in to Candor</h1>
        <p className="text-sm text-muted-foreground">New here? The same link creates your account.</p>
      </CardHeader>
      <CardContent className="grid gap-6">
        {params.signedOut === "1" ? (
          <Alert tone="success" live>
            You are signed out.
          </Alert>
        ) : null}
        <SignInForm action={requestSignInLink} callbackUrl={callbackUrl} defaultEmail={email} />
        {providers.length > 0 ? (
          <>
            <div className="flex items-center gap-3 text-xs text-muted-foreground" role="separator" aria-label="or">
              <span className="h-px flex-1 bg-border" />
              or
              <span className="h-px flex-1 bg-border" />
            </div>
            <div className="grid gap-2">
              {providers.map((p) => (
                <form key={p.id} action={signInWithOAuth}>
                  <input type="hidden" name="provider" value={p.id} />
                  <input type="hidden" name="callbackUrl" value={callbackUrl} />
                  <Button type="submit" variant="secondary" size="lg" className="w-full">
                    Continue with {p.name}
                  </Button>
                </form>
              ))}
            </div>
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
