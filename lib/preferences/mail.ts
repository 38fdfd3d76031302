import "server-only";
import type { Db } from "@/lib/db/client";
import type { Channel, Profile, Workspace } from "@/lib/db/schema";
import { systemClock, type Clock } from "@/lib/core/clock";
import { renderEmail } from "@/lib/email/render";
import { sendMail } from "@/lib/email/service";
import { isLocale, negotiateLocale, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";
import { requireWorkspace } from "@/lib/workspaces/service";
import { createLinkToken, daysFrom, linkLifetimes } from "./links";
import { preferenceMessages } from "./messages";
import { topicText } from "./present";
import { getPreferenceSettings } from "./topics";
import type { TopicConfig } from "./state";
import { pageUrl } from "./urls";

/** The locale of mail to a profile: theirs when the preference pages speak it, else the workspace default. */
export async function mailLocale(db: Db, ws: Workspace, profile: Pick<Profile, "locale">): Promise<Locale> {
  const { locales } = await getPreferenceSettings(db, ws.id);
  const fallback = isLocale(ws.settings.defaultLocale) && locales.includes(ws.settings.defaultLocale) ? ws.settings.defaultLocale : locales[0]!;
  return negotiateLocale({ profileLocale: profile.locale, available: locales, fallback });
}

/** Double opt-in: one confirmation mail per topic × channel that went pending. */
export async function sendConfirmationMails(
  db: Db,
  workspaceId: string,
  profile: Profile,
  items: { topic: TopicConfig; channel: Channel }[],
  clock: Clock = systemClock,
) {
  if (!profile.email) return;
  const ws = await requireWorkspace(db, workspaceId);
  const locale = await mailLocale(db, ws, profile);
  const t = translator(preferenceMessages, locale);
  for (const { topic, channel } of items) {
    const token = createLinkToken(ws.linkSecret, {
      kind: "confirm",
      workspaceId,
      profileId: profile.id,
      topic: topic.key,
      channel,
      expiresAt: daysFrom(clock.now(), linkLifetimes.confirm),
    });
    const url = pageUrl("confirm", ws.slug, { t: token, lang: locale }, true);
    const name = topicText(topic, locale).name;
    const content = renderEmail({
      subject: t("mailConfirmSubject", { topic: name }),
      heading: t("mailConfirmHeading"),
      brandName: ws.name,
      brandColor: ws.settings.brandColor,
      blocks: [
        { kind: "paragraph", text: t("mailConfirmBody", { topic: name, brand: ws.name }) },
        { kind: "button", label: t("mailConfirmButton"), url },
        { kind: "note", text: t("mailConfirmNote", { days: linkLifetimes.confirm }) },
        { kind: "link", label: t("mailPasteLink"), url },
      ],
    });
    await sendMail(db, { ...content, kind: "preferences.double_opt_in", to: profile.email, workspaceId, profileId: profile.id, secrets: [token] });
  }
}

/** The "email me a link" mail: a 24-hour preference-center link. */
export async function sendPreferenceLinkMail(db: Db, ws: Workspace, profile: Profile, clock: Clock = systemClock) {
  if (!profile.email) return;
  const locale = await mailLocale(db, ws, profile);
  const t = translator(preferenceMessages, locale);
  const token = createLinkToken(ws.linkSecret, {
    kind: "center",
    workspaceId: ws.id,
    profileId: profile.id,
    expiresAt: daysFrom(clock.now(), linkLifetimes.requested),
  });
  const url = pageUrl("center", ws.slug, { t: token }, true);
  const content = renderEmail({
    subject: t("mailLinkSubject", { brand: ws.name }),
    heading: t("mailLinkHeading"),
    brandName: ws.name,
    brandColor: ws.settings.brandColor,
    blocks: [
      { kind: "paragraph", text: t("mailLinkBody", { brand: ws.name }) },
      { kind: "button", label: t("mailLinkButton"), url },
      { kind: "note", text: t("mailLinkNote") },
      { kind: "link", label: t("mailPasteLink"), url },
    ],
  });
  await sendMail(db, { ...content, kind: "preferences.link", to: profile.email, workspaceId: ws.id, profileId: profile.id, secrets: [token] });
}
