import "server-only";
import type { Db } from "@/lib/db/client";
import type { PreferenceCopy, Profile, Workspace } from "@/lib/db/schema";
import { systemClock, type Clock } from "@/lib/core/clock";
import { getConsentState } from "@/lib/consent/ledger";
import { getCurrentNotice } from "@/lib/consent/service";
import { isLocale, negotiateLocale, supportedLocales, type Locale } from "@/lib/i18n/locales";
import { activePause, choiceKey, effectiveValue, visibleChannels, type TopicConfig } from "./state";
import { topicText } from "./present";
import { getPreferenceSettings } from "./topics";
import type { PreferenceCenterModel } from "./page-model";
import * as q from "./queries";

/** The locales a workspace's preference pages speak: its chosen list where translated, else all. */
export function workspaceLocales(ws: Workspace): Locale[] {
  const listed = (ws.settings.locales ?? []).filter(isLocale);
  return listed.length > 0 ? listed : [...supportedLocales];
}

/** ?lang=, then the profile's locale, then Accept-Language, then the workspace default. */
export function pageLocale(ws: Workspace, p: { query?: string | null; profileLocale?: string | null; acceptLanguage?: string | null }): Locale {
  const available = workspaceLocales(ws);
  const fallback = isLocale(ws.settings.defaultLocale) && available.includes(ws.settings.defaultLocale) ? ws.settings.defaultLocale : available[0]!;
  return negotiateLocale({ ...p, available, fallback });
}

export async function loadPreferenceCenter(db: Db, ws: Workspace, profile: Profile, locale: Locale, clock: Clock = systemClock): Promise<PreferenceCenterModel> {
  const workspaceId = ws.id;
  const [topics, settings, choices, switches, consent] = await Promise.all([
    q.listTopics(db, { workspaceId }),
    getPreferenceSettings(db, workspaceId),
    q.listChoices(db, { workspaceId, profileId: profile.id }),
    q.findSwitches(db, { workspaceId, profileId: profile.id }),
    getConsentState(db, workspaceId, profile.id),
  ]);
  const stored = new Map(choices.map((c) => [choiceKey(c.topicId, c.channel), c]));
  const notices = await Promise.all(
    consent.map((c) => getCurrentNotice(db, workspaceId, { purpose: c.purpose, locale, fallbackLocale: ws.settings.defaultLocale ?? "en" })),
  );
  const marketing = notices.find((n) => n?.purpose === "marketing") ?? null;
  return {
    locale,
    locales: workspaceLocales(ws),
    copy: { ...(settings.copy.en ?? {}), ...(locale === "en" ? {} : stripEmpty(settings.copy[locale])) },
    topics: (topics as TopicConfig[])
      .map((topic) => ({
        key: topic.key,
        ...topicText(topic, locale),
        transactional: topic.transactional,
        frequencies: topic.frequencies,
        channels: visibleChannels(topic, settings.channels).map((channel) => ({
          channel,
          ...effectiveValue(topic, channel, stored.get(choiceKey(topic.id, channel))),
        })),
      }))
      .filter((t) => t.channels.length > 0),
    marketingNotice: marketing ? { id: marketing.id, title: marketing.title, text: marketing.text } : null,
    unsubscribedAll: switches.unsubscribedAll,
    pausedUntil: activePause(switches.pausedUntil, clock.now()),
    purposes: consent
      .map((c, i) => ({ c, notice: notices[i] }))
      .filter(({ c }) => c.purpose !== "marketing")
      .map(({ c, notice }) => ({
        key: c.purpose,
        title: notice?.title ?? c.label,
        text: notice?.text ?? "",
        noticeVersionId: notice?.id ?? null,
        granted: c.granted,
        gpc: c.gpc,
      })),
  };
}

function stripEmpty(copy: PreferenceCopy | undefined): PreferenceCopy {
  return Object.fromEntries(Object.entries(copy ?? {}).filter(([, v]) => !!v));
}
