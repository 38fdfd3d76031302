import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { currentUser } from "@/lib/auth/guards";
import { signOutAction } from "./actions";

export const metadata: Metadata = { title: "Sign out" };

// Signing out changes state, so it is a POST; this page is the no-JavaScript way to send it.
export default async function SignOutPage() {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold tracking-tight">Sign out</h1>
        <p className="text-sm text-muted-foreground">You are signed in as {user.email}.</p>
      </CardHeader>
      <CardContent>
        <form action={signOutAction}>
          <Button type="submit" size="lg" className="w-full">
            Sign out
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
