import { readableOn } from "@/lib/core/color";

/**
 * A tiny email renderer: table-based HTML with inline styles (what mail clients render reliably)
 * and a plain-text part built from the same blocks. Every value is escaped here, so templates
 * pass raw strings.
 */

export interface EmailContent {
  subject: string;
  html: string;
  text: string;
}

export type EmailBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "button"; label: string; url: string }
  | { kind: "link"; label: string; url: string }
  | { kind: "note"; text: string };

export interface EmailLayout {
  subject: string;
  /** Shown by inboxes next to the subject; hidden in the body. */
  preheader?: string;
  heading: string;
  blocks: EmailBlock[];
  /** Small print under the body (why you got this, what to do if it wasn't you). */
  footer?: string;
  /** The sender's name in the header bar. */
  brandName?: string;
  /** Hex colour of the button and header bar; ignored unless it is a #rrggbb colour. */
  brandColor?: string;
}

const DEFAULT_BRAND = "#4f46e5";
const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Only http(s) URLs become links; anything else (javascript:, data:) is refused loudly. */
export function safeUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error(`refusing a ${parsed.protocol} link in an email`);
  return parsed.toString();
}

function safeColor(color: string | undefined): string {
  return color && /^#[0-9a-fA-F]{6}$/.test(color) ? color : DEFAULT_BRAND;
}

function paragraphHtml(text: string, style: string): string {
  // Blank lines separate paragraphs; single newlines become line breaks.
  return text
    .split(/\n{2,}/)
    .map((p) => `<p style="${style}">${escapeHtml(p).replaceAll("\n", "<br>")}</p>`)
    .join("");
}

function blockHtml(block: EmailBlock, brand: string): string {
  switch (block.kind) {
    case "paragraph":
      return paragraphHtml(block.text, `margin:0 0 16px;font-size:16px;line-height:24px;color:#1f2937;font-family:${FONT};`);
    case "note":
      return paragraphHtml(block.text, `margin:0 0 16px;font-size:14px;line-height:20px;color:#4b5563;font-family:${FONT};`);
    case "link": {
      const url = escapeHtml(safeUrl(block.url));
      return `<p style="margin:0 0 16px;font-size:14px;line-height:20px;color:#4b5563;font-family:${FONT};">${escapeHtml(block.label)}<br><a href="${url}" style="color:${brand};word-break:break-all;">${url}</a></p>`;
    }
    case "button": {
      const url = escapeHtml(safeUrl(block.url));
      const fg = readableOn(brand);
      return (
        `<table role="presentation" border="0" cellpadding="0" cellspacing="0" style="margin:8px 0 24px;"><tr>` +
        `<td align="center" bgcolor="${brand}" style="border-radius:6px;background:${brand};">` +
        `<a href="${url}" target="_blank" style="display:inline-block;padding:12px 24px;font-size:16px;font-weight:600;line-height:20px;color:${fg};text-decoration:none;border-radius:6px;font-family:${FONT};">${escapeHtml(block.label)}</a>` +
        `</td></tr></table>`
      );
    }
  }
}

function blockText(block: EmailBlock): string {
  switch (block.kind) {
    case "paragraph":
    case "note":
      return block.text;
    case "link":
    case "button":
      return `${block.label}:\n${safeUrl(block.url)}`;
  }
}

/** Render a message from blocks into the HTML and plain-text parts mail needs. */
export function renderEmail(layout: EmailLayout): EmailContent {
  const brand = safeColor(layout.brandColor);
  const brandName = layout.brandName ?? "Candor";
  const body = layout.blocks.map((b) => blockHtml(b, brand)).join("");
  const preheader = layout.preheader
    ? `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;" aria-hidden="true">${escapeHtml(layout.preheader)}</div>`
    : "";
  const footer = layout.footer
    ? `<tr><td style="padding:16px 32px 32px;">${paragraphHtml(layout.footer, `margin:0;font-size:12px;line-height:18px;color:#6b7280;font-family:${FONT};`)}</td></tr>`
    : "";
  const html =
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="color-scheme" content="light"><title>${escapeHtml(layout.subject)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f3f4f6;">${preheader}` +
    `<table role="presentation" width="100%" border="0" cellpadding="0" cellspacing="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:24px 12px;">` +
    `<table role="presentation" width="100%" border="0" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;border:1px solid #e5e7eb;">` +
    `<tr><td style="height:6px;background:${brand};border-radius:8px 8px 0 0;font-size:0;line-height:0;">&nbsp;</td></tr>` +
    `<tr><td style="padding:24px 32px 0;font-size:14px;font-weight:600;color:#4b5563;font-family:${FONT};">${escapeHtml(brandName)}</td></tr>` +
    `<tr><td style="padding:8px 32px 8px;"><h1 style="margin:0 0 16px;font-size:22px;line-height:28px;color:#111827;font-family:${FONT};">${escapeHtml(layout.heading)}</h1>${body}</td></tr>` +
    footer +
    `</table></td></tr></table></body></html>`;
  const text = [layout.heading, ...layout.blocks.map(blockText), ...(layout.footer ? ["--", layout.footer] : [])].join("\n\n") + "\n";
  return { subject: layout.subject, html, text };
}
