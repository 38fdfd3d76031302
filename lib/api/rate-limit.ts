import "server-only";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { DbHandle } from "@/lib/db/client";
import { AppError } from "@/lib/core/errors";
import { env } from "@/lib/core/env";
import { apiRuntime } from "./runtime";

/** A named budget: `points` requests per `durationSeconds`, per key. */
export interface RateLimitPolicy {
  name: string;
  points: number;
  durationSeconds: number;
}

export interface RateLimitState {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/**
 * Limiters per database handle and policy. On PostgreSQL the counters live in `rate_limits`,
 * so every web process shares them; embedded PGlite means one process, so memory is exact.
 */
const limiters = new WeakMap<DbHandle, Map<string, RateLimiterAbstract>>();

function limiterFor(handle: DbHandle, policy: RateLimitPolicy): RateLimiterAbstract {
  let byPolicy = limiters.get(handle);
  if (!byPolicy) limiters.set(handle, (byPolicy = new Map()));
  const id = `${policy.name}:${policy.points}:${policy.durationSeconds}`;
  let limiter = byPolicy.get(id);
  if (!limiter) {
    const options = { keyPrefix: policy.name, points: policy.points, duration: policy.durationSeconds };
    limiter =
      handle.kind === "postgres" && handle.sql
        ? new RateLimiterPostgres({
            ...options,
            storeClient: postgresJsClient(handle),
            storeType: "client",
            tableName: "rate_limits",
            tableCreated: true, // created by the migrations, not at runtime
          })
        : new RateLimiterMemory(options);
    byPolicy.set(id, limiter);
  }
  return limiter;
}

// RateLimiterPostgres speaks node-postgres' `query({ text, values })`; postgres.js answers the same SQL.
function postgresJsClient(handle: DbHandle) {
  const sql = handle.sql!;
  return {
    async query(q: { text: string; values?: unknown[] }) {
      const rows = await sql.unsafe(q.text, (q.values ?? []) as never[]);
      return { rows, rowCount: rows.length };
    },
  };
}

/**
 * Spend one point of `policy` for `key` (an API key id, a workspace + form, an address from
 * `clientAddress`), or throw 429 with Retry-After. Keys must be at most 255 characters.
 */
export async function consumeRateLimit(policy: RateLimitPolicy, key: string, handle?: DbHandle): Promise<RateLimitState> {
  const limiter = limiterFor(handle ?? (await apiRuntime().handle()), policy);
  try {
    const res = await limiter.consume(key);
    return { limit: policy.points, remaining: res.remainingPoints, resetSeconds: Math.ceil(res.msBeforeNext / 1000) };
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new AppError("rate_limited", `Too many requests: try again in ${retryAfter} s`, {
      headers: { "Retry-After": String(retryAfter), ...rateLimitHeaders({ limit: policy.points, remaining: 0, resetSeconds: retryAfter }) },
    });
  }
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(state.resetSeconds),
  };
}

/** The budget of each API key, from CANDOR_API_RATE_LIMIT (per minute); null when turned off. */
export function apiKeyPolicy(): RateLimitPolicy | null {
  const perMinute = env().CANDOR_API_RATE_LIMIT;
  return perMinute > 0 ? { name: "api_key", points: perMinute, durationSeconds: 60 } : null;
}

