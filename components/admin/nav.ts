import type { IconName } from "./icons";

export interface NavItem {
  label: string;
  href: string;
  icon: IconName;
  /** Marked current on its sub-pages too (all but Overview). */
  prefix: boolean;
}

/** The workspace's areas, in the order the sidebar shows them. */
export function workspaceNav(slug: string): NavItem[] {
  const base = `/w/${slug}`;
  return [
    { label: "Overview", href: base, icon: "overview", prefix: false },
    { label: "Quizzes", href: `${base}/quizzes`, icon: "quizzes", prefix: true },
    { label: "Audience", href: `${base}/audience`, icon: "audience", prefix: true },
    { label: "Preferences & consent", href: `${base}/preferences`, icon: "preferences", prefix: true },
    { label: "Personalization", href: `${base}/personalization`, icon: "personalization", prefix: true },
    { label: "Integrations", href: `${base}/integrations`, icon: "integrations", prefix: true },
    { label: "Analytics", href: `${base}/analytics`, icon: "analytics", prefix: true },
    { label: "Settings", href: `${base}/settings`, icon: "settings", prefix: true },
  ];
}

export function isCurrent(item: Pick<NavItem, "href" | "prefix">, pathname: string): boolean {
  return pathname === item.href || (item.prefix && pathname.startsWith(`${item.href}/`));
}
