import type { Db } from "@/lib/db/client";

/** The identifiers erasure has to hunt for, gathered before the profile row is blanked. */
export interface ErasureSubject {
  workspaceId: string;
  /** The erased profile and every anonymous profile merged into it. */
  profileIds: string[];
  email: string | null;
  externalId: string | null;
  anonymousIds: string[];
}

export interface TimelineEntry {
  at: Date;
  kind: string;
  title: string;
  detail?: string;
  ref?: string;
}

/**
 * What a domain that stores data about a profile must do for merge, erasure, export and the
 * timeline. Every method runs inside the caller's transaction (merge, erase) or on its handle.
 */
export interface ProfileDataHooks {
  /** Export section name, e.g. "responses", "subscriptions", "webhookEndpoints". */
  name: string;
  /** Move the anonymous profile's rows onto the identified one. */
  merge?(tx: Db, p: { workspaceId: string; fromProfileId: string; intoProfileId: string }): Promise<void>;
  /** Delete or blank every piece of personal data about the subject; the transaction rolls back on throw. */
  erase?(tx: Db, s: ErasureSubject): Promise<void>;
  /** The section of the JSON export (complete, not a sample). */
  export?(db: Db, p: { workspaceId: string; profileId: string }): Promise<unknown>;
  /** Entries for the admin timeline of a profile. */
  timeline?(db: Db, p: { workspaceId: string; profileId: string; limit: number }): Promise<TimelineEntry[]>;
}

/**
 * Every domain that stores data about a profile is listed here, loaded lazily to keep imports
 * acyclic. A static list (not self-registration at import time) means erasure can never run in
 * a process that happened not to import some domain and silently leave its data behind.
 * Later domains add one line: `() => import("@/lib/<domain>/profile-hooks").then((m) => m.profileDataHooks)`.
 */
const hookLoaders: (() => Promise<ProfileDataHooks>)[] = [
  () => import("./core-hooks").then((m) => m.coreProfileHooks),
  () => import("./import/profile-hooks").then((m) => m.importProfileHooks),
  () => import("@/lib/quizzes/profile-hooks").then((m) => m.profileDataHooks),
  () => import("@/lib/preferences/profile-hooks").then((m) => m.profileDataHooks),
  () => import("@/lib/webhooks/profile-hooks").then((m) => m.profileDataHooks),
  () => import("@/lib/personalization/profile-hooks").then((m) => m.profileDataHooks),
  () => import("@/lib/conversions/profile-hooks").then((m) => m.profileDataHooks),
];

export async function loadProfileDataHooks(): Promise<ProfileDataHooks[]> {
  return Promise.all(hookLoaders.map((load) => load()));
}

/** Sections every export carries even before the domain that fills them exists (an empty list is the truth then). */
export const exportSections = ["responses", "subscriptions", "webhookEndpoints", "messages"] as const;
