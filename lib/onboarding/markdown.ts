import { marked } from "marked";
import sanitizeHtml from "sanitize-html";

/**
 * A step body's markdown as HTML safe to put in a page: a small set of text tags, links with
 * http(s)/mailto only, no raw HTML attributes, scripts, styles or images. Headings are shifted
 * down so a step never outranks the page's own headings.
 */
export function renderStepBody(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true }) as string;
  return sanitizeHtml(html, {
    allowedTags: ["p", "br", "strong", "em", "code", "pre", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "hr"],
    allowedAttributes: { a: ["href", "title"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowProtocolRelative: false,
    transformTags: {
      h1: "h3",
      h2: "h3",
      h5: "h4",
      h6: "h4",
      a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer" }),
    },
  }).trim();
}
