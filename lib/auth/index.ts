import "server-only";
import NextAuth, { type Session } from "next-auth";
import { cache } from "react";
import { buildAuthConfig } from "./config";

// Lazy initialisation: the config (and with it the database) is built on first use, not at import.
const nextAuth = NextAuth(async () => buildAuthConfig());

export const handlers: typeof nextAuth.handlers = nextAuth.handlers;
export const signIn: typeof nextAuth.signIn = nextAuth.signIn;
export const signOut: typeof nextAuth.signOut = nextAuth.signOut;

/** The current session, asked for once per request however many components need it. */
export const auth: () => Promise<Session | null> = cache(() => nextAuth.auth());
