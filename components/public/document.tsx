/** @jsxImportSource preact */
import type { ComponentChildren } from "preact";
import { publicCss } from "./styles";

export interface Branding {
  name: string;
  brandColor?: string | null;
  logoUrl?: string | null;
}

const HEX = /^#[0-9a-fA-F]{6}$/;

/** Black or white text, whichever reads better on the brand colour (WCAG contrast). */
export function inkFor(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const lum = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return (1.05 / (lum + 0.05)) >= ((lum + 0.05) / 0.05) ? "#fff" : "#111";
}

/**
 * The HTML shell of every public page (quiz, preference center, unsubscribe, embeds):
 * server-rendered, styled inline, enhanced by one small deferred script, no framework runtime.
 */
export function PublicDocument(props: {
  lang: string;
  title: string;
  brand: Branding;
  children: ComponentChildren;
  /** Hide the brand header (embeds show only the content). */
  bare?: boolean;
  skipLabel?: string;
  footer?: ComponentChildren;
  script?: string | null;
  description?: string;
}) {
  const color = props.brand.brandColor && HEX.test(props.brand.brandColor) ? props.brand.brandColor : "#4f46e5";
  const brandVars = `:root{--brand:${color};--brand-ink:${inkFor(color)}}`;
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        <meta name="robots" content="noindex" />
        <style dangerouslySetInnerHTML={{ __html: publicCss + brandVars }} />
        {props.script === null ? null : <script src={props.script ?? "/candor-public.js"} defer />}
      </head>
      <body>
        <a class="skip" href="#main">
          {props.skipLabel ?? "Skip to content"}
        </a>
        {props.bare ? null : (
          <header class="brand">
            {props.brand.logoUrl ? <img src={props.brand.logoUrl} alt="" width={28} height={28} /> : null}
            <strong>{props.brand.name}</strong>
          </header>
        )}
        <main id="main">{props.children}</main>
        {props.footer ? <footer>{props.footer}</footer> : null}
      </body>
    </html>
  );
}
