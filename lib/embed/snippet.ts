// Client-safe: the HTML a brand pastes into its page for each embed mode.

export type EmbedMode = "inline" | "popup" | "slide-in";
export type EmbedTrigger = "click" | "delay" | "exit";

export interface SnippetOptions {
  appUrl: string;
  loaderVersion: string;
  /** Hosted path of what is embedded, e.g. `/q/glow/routine`. */
  path: string;
  mode: EmbedMode;
  trigger?: EmbedTrigger;
  delaySeconds?: number;
  label: string;
  /** Include the identity attributes, to be filled by the brand's server. */
  identity?: boolean;
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A link that works without JavaScript, turned into an embed by the loader, plus the listener stub. */
export function embedSnippet(o: SnippetOptions): string {
  const attrs = [`href="${escapeAttr(o.appUrl + o.path)}"`, `data-candor`, `data-mode="${o.mode}"`];
  if (o.mode !== "inline" && o.trigger && o.trigger !== "click") attrs.push(`data-trigger="${o.trigger}"`);
  if (o.mode !== "inline" && o.trigger === "delay") attrs.push(`data-delay="${Math.max(0, Math.round(o.delaySeconds ?? 5))}"`);
  if (o.identity) attrs.push(`data-external-id="USER_ID"`, `data-user-hash="HMAC_SHA256_OF_USER_ID"`);
  return [
    `<a ${attrs.join(" ")}>${escapeAttr(o.label)}</a>`,
    `<script>window.Candor=window.Candor||{q:[],on:function(){this.q.push(arguments)}}</script>`,
    `<script async src="${escapeAttr(o.appUrl)}/embed.js?v=${escapeAttr(o.loaderVersion)}"></script>`,
  ].join("\n");
}
