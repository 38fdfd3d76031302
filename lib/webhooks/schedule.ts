/**
 * When to try a failed delivery again: about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and
 * 24 h after each failure (≈ 3 days in all), each with ±10 % jitter so a recovering receiver is
 * not hit by every queued delivery in the same second.
 */
export const retryDelaysSeconds = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 14 * 3600, 20 * 3600, 24 * 3600] as const;

export const maxRetries = retryDelaysSeconds.length;

const jitterFraction = 0.1;
const maxRetryAfterSeconds = 24 * 3600;

/** Delay before retry number `step` (0-based), or null when the retries are used up. */
export function retryDelayMs(step: number, random: () => number = Math.random): number | null {
  const base = retryDelaysSeconds[step];
  if (base === undefined) return null;
  const factor = 1 + (random() * 2 - 1) * jitterFraction;
  return Math.round(base * 1000 * factor);
}

/**
 * The delay a `Retry-After` header asks for (delta-seconds or an HTTP date), capped at a day;
 * null when absent or unreadable.
 */
export function parseRetryAfterMs(value: string | undefined | null, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) {
    ms = Number(trimmed) * 1000;
  } else if (/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed)) {
    // Only the HTTP date format: Date.parse alone would read "1.5" or "-5" as dates.
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return null;
    ms = at - now.getTime();
  } else {
    return null;
  }
  return Math.min(Math.max(ms, 1000), maxRetryAfterSeconds * 1000);
}

/** Statuses whose `Retry-After` we honour instead of the schedule. */
export function honoursRetryAfter(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}
