import { describe, expect, it } from "vitest";
import { readableOn } from "@/lib/core/color";
import { escapeHtml, renderEmail } from "./render";
import { invitationEmail, magicLinkEmail } from "./templates";

describe("renderEmail", () => {
  const hostile = `<script>alert("x")</script> & 'quotes'`;

  it("escapes every value it puts into the HTML", () => {
    const mail = renderEmail({
      subject: hostile,
      preheader: hostile,
      heading: hostile,
      brandName: hostile,
      footer: hostile,
      blocks: [
        { kind: "paragraph", text: hostile },
        { kind: "note", text: hostile },
        { kind: "button", label: hostile, url: "https://example.com/a?b=1&c=\"2\"" },
      ],
    });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;");
    expect(mail.html).toContain('href="https://example.com/a?b=1&amp;c=%222%22"');
    // The subject goes into the mail header unescaped; only the HTML copy is escaped.
    expect(mail.subject).toBe(hostile);
  });

  it("builds a plain-text part with the same words and the full link", () => {
    const mail = renderEmail({
      subject: "S",
      heading: "Hello",
      blocks: [
        { kind: "paragraph", text: "Line one\nline two" },
        { kind: "button", label: "Open", url: "https://example.com/x?y=1&z=2" },
      ],
      footer: "Small print",
    });
    expect(mail.text).toBe("Hello\n\nLine one\nline two\n\nOpen:\nhttps://example.com/x?y=1&z=2\n\n--\n\nSmall print\n");
    expect(mail.text).not.toMatch(/<[a-z]/i);
  });

  it("uses tables and inline styles, not stylesheets", () => {
    const { html } = renderEmail({ subject: "S", heading: "H", blocks: [{ kind: "button", label: "Go", url: "https://e.com" }] });
    expect(html).toContain('<table role="presentation"');
    expect(html).not.toContain("<style");
    expect(html).not.toContain("class=");
  });

  it("refuses links that are not http(s)", () => {
    expect(() => renderEmail({ subject: "S", heading: "H", blocks: [{ kind: "button", label: "x", url: "javascript:alert(1)" }] })).toThrow(
      /javascript:/,
    );
  });

  it("ignores a brand colour that is not a hex colour instead of injecting it into styles", () => {
    const { html } = renderEmail({
      subject: "S",
      heading: "H",
      brandColor: "red;background:url(https://evil)",
      blocks: [{ kind: "button", label: "Go", url: "https://e.com" }],
    });
    expect(html).not.toContain("evil");
    expect(html).toContain("#4f46e5");
  });

  it("picks readable button text for light and dark brand colours", () => {
    expect(readableOn("#4f46e5")).toBe("#ffffff");
    expect(readableOn("#ffeb3b")).toBe("#111827");
    expect(readableOn("#000000")).toBe("#ffffff");
  });

  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
  });
});

describe("templates", () => {
  it("sign-in mail carries the link in both parts and says how long it lasts", () => {
    const url = "https://candor.example/api/auth/callback/nodemailer?token=abc&email=a%40b.c";
    const mail = magicLinkEmail({ url, host: "candor.example", expiresInMinutes: 10 });
    expect(mail.text).toContain(url);
    expect(mail.html).toContain(url.replace("&", "&amp;"));
    expect(mail.text).toContain("expires in 10 minutes");
  });

  it("invitation names the workspace, the inviter and the role, escaped", () => {
    const mail = invitationEmail({
      workspaceName: "Glow <Beauty>",
      inviter: "Ana",
      role: "editor",
      url: "https://candor.example/invite/tok",
      expiresAt: new Date("2026-02-01T10:00:00Z"),
      brandColor: "#ffeb3b",
    });
    expect(mail.subject).toBe("Join Glow <Beauty> on Candor");
    expect(mail.html).toContain("Glow &lt;Beauty&gt;");
    expect(mail.text).toContain("Ana invited you to join the Glow <Beauty> workspace on Candor as an editor.");
    expect(mail.text).toContain("expires on Sun, 01 Feb 2026 10:00 UTC");
    expect(mail.html).toContain("color:#111827");
  });
});
