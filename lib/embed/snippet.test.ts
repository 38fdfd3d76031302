import { describe, expect, it } from "vitest";
import { embedSnippet } from "./snippet";

const base = { appUrl: "https://candor.example", loaderVersion: "abc123", path: "/q/glow/routine", label: "Find your routine" };

describe("embedSnippet", () => {
  it("is a working link first, then the versioned async loader", () => {
    const html = embedSnippet({ ...base, mode: "inline" });
    expect(html).toContain('<a href="https://candor.example/q/glow/routine" data-candor data-mode="inline">Find your routine</a>');
    expect(html).toContain('<script async src="https://candor.example/embed.js?v=abc123"></script>');
    expect(html).not.toContain("data-trigger");
  });

  it("names the trigger and delay of a popup, and escapes the label", () => {
    const html = embedSnippet({ ...base, mode: "popup", trigger: "delay", delaySeconds: 8, label: 'Take "the" <quiz>' });
    expect(html).toContain('data-mode="popup" data-trigger="delay" data-delay="8">Take &quot;the&quot; &lt;quiz&gt;</a>');
    expect(embedSnippet({ ...base, mode: "slide-in", trigger: "exit" })).toContain('data-trigger="exit"');
  });

  it("adds identity placeholders only when asked", () => {
    expect(embedSnippet({ ...base, mode: "inline", identity: true })).toContain('data-external-id="USER_ID" data-user-hash=');
    expect(embedSnippet({ ...base, mode: "inline" })).not.toContain("data-external-id");
  });
});
