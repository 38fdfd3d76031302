import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Sign-in problem" };

// Auth.js error codes → what happened and what to do, in words people use.
const messages: Record<string, { title: string; body: string }> = {
  Verification: {
    title: "That link has expired or was already used",
    body: "Sign-in links work once and only for 10 minutes. Ask for a new one and open it right away.",
  },
  AccessDenied: {
    title: "Sign-in was refused",
    body: "This account may not sign in here. If you think it should, ask the person who runs this Candor.",
  },
  OAuthAccountNotLinked: {
    title: "Use the way you signed in before",
    body: "This email already signs in another way. Use that method (or an email link) to get in.",
  },
  Configuration: {
    title: "Sign-in is not available right now",
    body: "Something is wrong with this server's sign-in set-up. Try again later, or use an email link.",
  },
};

const fallback = { title: "Sign-in did not work", body: "Something went wrong while signing you in. Try again." };

export default async function AuthErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const message = (error && messages[error]) || fallback;
  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold tracking-tight">{message.title}</h1>
      </CardHeader>
      <CardContent className="grid gap-5 text-sm">
        <p>{message.body}</p>
        <Link href="/signin" className={buttonClasses("primary", "lg", "w-full")}>
          Get a new sign-in link
        </Link>
      </CardContent>
    </Card>
  );
}
