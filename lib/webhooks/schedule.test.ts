import { describe, expect, it } from "vitest";
import { honoursRetryAfter, maxRetries, parseRetryAfterMs, retryDelayMs, retryDelaysSeconds } from "./schedule";

const now = new Date("2026-03-01T12:00:00Z");

describe("retry schedule", () => {
  it("runs 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h, then stops", () => {
    expect(retryDelaysSeconds.map((_, step) => retryDelayMs(step, () => 0.5))).toEqual([5e3, 3e5, 18e5, 72e5, 18e6, 36e6, 504e5, 72e6, 864e5]);
    expect(retryDelayMs(maxRetries)).toBeNull();
  });

  it("spreads each delay by at most ±10 %", () => {
    expect(retryDelayMs(1, () => 0)).toBe(270_000);
    expect(retryDelayMs(1, () => 1)).toBe(330_000);
  });
});

describe("Retry-After", () => {
  it("reads delta-seconds and HTTP dates, within 1 s and 24 h", () => {
    expect(parseRetryAfterMs("120", now)).toBe(120_000);
    expect(parseRetryAfterMs("Sun, 01 Mar 2026 13:00:00 GMT", now)).toBe(3_600_000);
    expect(parseRetryAfterMs("0", now)).toBe(1000);
    expect(parseRetryAfterMs("Sat, 28 Feb 2026 00:00:00 GMT", now)).toBe(1000);
    expect(parseRetryAfterMs(String(7 * 24 * 3600), now)).toBe(24 * 3600 * 1000);
  });

  it("ignores what it cannot read", () => {
    for (const v of [undefined, null, "", "soon", "-5", "1.5"]) expect(parseRetryAfterMs(v, now)).toBeNull();
  });

  it("applies to 429, 502, 503 and 504 only", () => {
    expect([429, 502, 503, 504].every(honoursRetryAfter)).toBe(true);
    expect([200, 301, 400, 410, 500].some(honoursRetryAfter)).toBe(false);
  });
});
