"use server";

import { signOut } from "@/lib/auth";

/** Deletes the session row (database sessions), clears the cookie and returns to sign-in. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin?signedOut=1" });
}
