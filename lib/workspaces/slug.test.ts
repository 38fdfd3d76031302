import { describe, expect, it } from "vitest";
import { slugFromName } from "./slug";
import { workspaceSlug } from "./schemas";

describe("slugFromName", () => {
  it("turns a name into a valid slug", () => {
    expect(slugFromName("Glow Beauty Co.")).toBe("glow-beauty-co");
    expect(slugFromName("  Crème Brûlée & Sons  ")).toBe("creme-brulee-sons");
    expect(workspaceSlug.safeParse(slugFromName("ACME — Sales Team!")).success).toBe(true);
  });

  it("stays within 40 characters without a trailing dash", () => {
    const slug = slugFromName("a".repeat(39) + " b c d");
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug.endsWith("-")).toBe(false);
  });
});
