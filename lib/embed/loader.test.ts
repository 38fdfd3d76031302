import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain ESM build script without types
import { generate, loaderOutput, loaderSource } from "../../scripts/build-embed.mjs";
import { LOADER_JS } from "./loader.generated";

describe("embed loader", () => {
  it("is served from an up-to-date build of its source", () => {
    expect(readFileSync(loaderOutput as string, "utf8")).toBe((generate as (s: string) => string)(readFileSync(loaderSource as string, "utf8")));
  });

  it("weighs at most 1.5 KB gzipped", () => {
    const size = gzipSync(LOADER_JS, { level: 9 }).length;
    expect(size).toBeLessThanOrEqual(1500);
  });

  it("keeps all JavaScript up to the first quiz question, loader included, within 25 KB gzipped", () => {
    // What an embedded quiz runs: the loader, then in the frame the public, quiz and embed scripts (no framework).
    const frameScripts = ["public/candor-public.js", "public/candor-quiz.js", "public/candor-embed.js"].map((f) => readFileSync(f, "utf8"));
    const total = [LOADER_JS, ...frameScripts].reduce((sum, js) => sum + gzipSync(js, { level: 9 }).length, 0);
    expect(total).toBeLessThanOrEqual(25 * 1024);
  });
});
