/** @jsxImportSource preact */
import { describe, expect, it } from "vitest";
import { PublicDocument, inkFor } from "@/components/public/document";
import { htmlResponse } from "@/lib/public/html";

describe("public HTML", () => {
  it("renders an escaped, branded document with strict headers", async () => {
    const res = htmlResponse(
      <PublicDocument lang="de" title="<Quiz>" brand={{ name: "Glow & Co", brandColor: "#ffcc00" }}>
        <p>{"<script>alert(1)</script>"}</p>
      </PublicDocument>,
    );
    const html = await res.text();
    expect(html.startsWith("<!doctype html><html lang=\"de\">")).toBe(true);
    expect(html).toContain("&lt;script>alert(1)&lt;/script>");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("--brand:#ffcc00;--brand-ink:#111");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("allows framing only by the origins it is given", () => {
    const res = htmlResponse(<p>x</p>, { frameAncestors: ["https://shop.example"] });
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors https://shop.example");
    expect(res.headers.get("x-frame-options")).toBeNull();
  });

  it("picks readable ink for the brand colour", () => {
    expect(inkFor("#000000")).toBe("#fff");
    expect(inkFor("#ffffff")).toBe("#111");
    expect(inkFor("#4f46e5")).toBe("#fff");
  });
});
