import type { TopicConfig } from "./state";

/** A topic's name and description in a locale, falling back to the brand's own wording. */
export function topicText(topic: Pick<TopicConfig, "name" | "description" | "translations">, locale: string): { name: string; description: string } {
  const tr = locale === "en" ? undefined : topic.translations[locale];
  return { name: tr?.name || topic.name, description: tr?.description || topic.description };
}
