import { describe, expect, it } from "vitest";
import { corsHeaders, frameAncestors, isAllowedOrigin, normalizeOrigin, parseOriginList } from "./origins";

describe("allowed origins", () => {
  it("normalises origins and rejects paths, credentials and other schemes", () => {
    expect(normalizeOrigin("https://Shop.Example.com/")).toBe("https://shop.example.com");
    expect(normalizeOrigin("http://localhost:8080")).toBe("http://localhost:8080");
    expect(normalizeOrigin("https://shop.example.com/page")).toBeNull();
    expect(normalizeOrigin("https://a:b@shop.example.com")).toBeNull();
    expect(normalizeOrigin("javascript:alert(1)")).toBeNull();
    expect(normalizeOrigin("*")).toBeNull();
  });

  it("parses one origin a line, deduplicated, and names the bad lines", () => {
    expect(parseOriginList("https://a.example\n\nhttps://A.example/\nnot a url\nhttps://b.example/x")).toEqual({
      origins: ["https://a.example"],
      invalid: ["not a url", "https://b.example/x"],
    });
  });

  it("frames for no other site until origins are configured, and localhost only in development", () => {
    expect(frameAncestors([], false)).toEqual(["'self'"]);
    expect(frameAncestors(undefined, false)).toEqual(["'self'"]);
    expect(frameAncestors(["https://shop.example"], false)).toEqual(["'self'", "https://shop.example"]);
    expect(frameAncestors([], true)).toEqual(["'self'", "http://localhost:*", "http://127.0.0.1:*"]);
  });

  it("accepts exact allowed origins only", () => {
    const allowed = ["https://shop.example"];
    expect(isAllowedOrigin("https://shop.example", allowed, false)).toBe(true);
    expect(isAllowedOrigin("https://evil.example", allowed, false)).toBe(false);
    expect(isAllowedOrigin("https://shop.example.evil.example", allowed, false)).toBe(false);
    expect(isAllowedOrigin("http://shop.example", allowed, false)).toBe(false);
    expect(isAllowedOrigin("null", allowed, false)).toBe(false);
    expect(isAllowedOrigin(null, allowed, false)).toBe(false);
    expect(isAllowedOrigin("http://localhost:5173", allowed, false)).toBe(false);
    expect(isAllowedOrigin("http://localhost:5173", allowed, true)).toBe(true);
    expect(isAllowedOrigin("http://localhost.evil.example", allowed, true)).toBe(false);
  });

  it("echoes CORS only for an allowed origin", () => {
    expect(corsHeaders("https://shop.example", ["https://shop.example"], false)).toEqual({ Vary: "Origin", "Access-Control-Allow-Origin": "https://shop.example" });
    expect(corsHeaders("https://evil.example", ["https://shop.example"], false)).toEqual({ Vary: "Origin" });
  });
});
