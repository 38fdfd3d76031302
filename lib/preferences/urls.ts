import { env } from "@/lib/core/env";

/** Public addresses of the preference pages; always on APP_URL, never the request's Host. */
export const publicPaths = {
  center: (slug: string) => `/p/${encodeURIComponent(slug)}`,
  unsubscribe: (slug: string) => `/p/${encodeURIComponent(slug)}/unsubscribe`,
  confirm: (slug: string) => `/p/${encodeURIComponent(slug)}/confirm`,
  data: (slug: string) => `/p/${encodeURIComponent(slug)}/data`,
  dataExport: (slug: string) => `/p/${encodeURIComponent(slug)}/data/export`,
  dataDelete: (slug: string) => `/p/${encodeURIComponent(slug)}/data/delete`,
} as const;

export type PublicPage = keyof typeof publicPaths;

/** A path (or, with `absolute`, a full URL) to a public page, carrying the link token and options. */
export function pageUrl(page: PublicPage, slug: string, params: Record<string, string | null | undefined> = {}, absolute = false): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  const path = publicPaths[page](slug) + (query.size ? `?${query}` : "");
  return absolute ? env().APP_URL + path : path;
}
