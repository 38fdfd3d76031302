import type { Channel, Frequency, SubscriptionStatus } from "@/lib/db/schema/preferences";
import type { Locale } from "@/lib/i18n/locales";

// Client-safe types of what the public pages render (built on the server by center.ts).

/** Everything the preference-center page shows, already in the page's locale. */
export interface PreferenceCenterModel {
  locale: Locale;
  locales: Locale[];
  copy: { title?: string; intro?: string; footer?: string };
  topics: {
    key: string;
    name: string;
    description: string;
    transactional: boolean;
    frequencies: Frequency[];
    channels: { channel: Channel; status: SubscriptionStatus; frequency: Frequency }[];
  }[];
  marketingNotice: { id: string; title: string; text: string } | null;
  unsubscribedAll: boolean;
  pausedUntil: Date | null;
  purposes: { key: string; title: string; text: string; noticeVersionId: string | null; granted: boolean | null; gpc: boolean }[];
}

