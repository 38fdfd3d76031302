import "server-only";
import { getDbHandle, type DbHandle } from "@/lib/db/client";
import { systemClock, type Clock } from "@/lib/core/clock";

/** What API routes need from the process: the database and the time. */
export interface ApiRuntime {
  handle(): Promise<DbHandle>;
  clock: Clock;
}

const defaults: ApiRuntime = { handle: getDbHandle, clock: systemClock };
let current: ApiRuntime = defaults;

export function apiRuntime(): ApiRuntime {
  return current;
}

/**
 * Point route handlers at another database or clock, so tests can call the exported
 * GET/POST functions directly against their own database. `undefined` restores the defaults.
 */
export function setApiRuntime(override: Partial<ApiRuntime> | undefined): void {
  current = override ? { ...defaults, ...override } : defaults;
}
