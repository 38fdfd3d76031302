import "server-only";
import { and, count, eq, gt } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { outboundMail, quizResponses, type Workspace } from "@/lib/db/schema";
import { hmacSha256Base64Url, safeEqual } from "@/lib/core/crypto";
import { systemClock, type Clock } from "@/lib/core/clock";
import { env } from "@/lib/core/env";
import { renderEmail } from "@/lib/email/render";
import { sendMail } from "@/lib/email/service";
import { mergeAnonymousInto } from "@/lib/profiles/merge";
import { findProfile } from "@/lib/profiles/lookup";

// A public quiz cannot know who typed an email address. When the address already belongs to a
// profile, the run's traits and consent stay on an anonymous profile, and a signed link goes to
// that address: only its owner can fold the answers into their profile. Nobody can write onto
// someone else's profile (or grant consent in their name) by typing their email into a quiz.

export const CLAIM_TTL_SECONDS = 7 * 24 * 3600;
/** Claim mails one address gets per hour at most: typing someone's email into a quiz again and again must not flood their inbox. */
export const CLAIM_MAILS_PER_HOUR = 3;

function sign(secret: string, responseId: string, intoProfileId: string, exp: number): string {
  return hmacSha256Base64Url(secret, `quiz-claim:${responseId}:${intoProfileId}:${exp}`);
}

export function claimToken(linkSecret: string, responseId: string, intoProfileId: string, now: Date): string {
  const exp = Math.floor(now.getTime() / 1000) + CLAIM_TTL_SECONDS;
  return `${responseId}.${intoProfileId}.${exp}.${sign(linkSecret, responseId, intoProfileId, exp)}`;
}

export type ClaimState =
  | { status: "invalid" }
  | { status: "ready" | "done"; responseId: string; intoProfileId: string; fromProfileId: string };

/** What a claim link stands for now: a forged or expired one is `invalid`; a used one is `done`. */
export async function readClaim(db: Db, ws: Pick<Workspace, "id" | "linkSecret">, token: string | null, clock: Clock = systemClock): Promise<ClaimState> {
  const m = /^(rsp_[a-z0-9]+)\.(prf_[a-z0-9]+)\.(\d{9,12})\.([A-Za-z0-9_-]{20,64})$/.exec(token ?? "");
  if (!m) return { status: "invalid" };
  const [, responseId, intoProfileId, expRaw, sig] = m as unknown as [string, string, string, string, string];
  const exp = Number(expRaw);
  if (exp < clock.now().getTime() / 1000 || !safeEqual(sig, sign(ws.linkSecret, responseId, intoProfileId, exp))) return { status: "invalid" };
  const [response] = await db
    .select({ profileId: quizResponses.profileId })
    .from(quizResponses)
    .where(and(eq(quizResponses.workspaceId, ws.id), eq(quizResponses.id, responseId)));
  const into = await findProfile(db, ws.id, intoProfileId);
  if (!response?.profileId || into?.status !== "active") return { status: "invalid" };
  // Merging moves the response over, so a response on the target profile is a claim already made.
  if (response.profileId === intoProfileId) return { status: "done", responseId, intoProfileId, fromProfileId: intoProfileId };
  const from = await findProfile(db, ws.id, response.profileId);
  if (from?.status !== "active") return { status: "invalid" };
  return { status: "ready", responseId, intoProfileId, fromProfileId: from.id };
}

/** Fold the run's anonymous profile into the address owner's profile; repeating it changes nothing. */
export async function confirmClaim(db: Db, ws: Pick<Workspace, "id" | "linkSecret">, token: string | null, clock: Clock = systemClock): Promise<ClaimState> {
  return db.transaction(async (tx) => {
    const state = await readClaim(tx, ws, token, clock);
    if (state.status !== "ready") return state;
    await mergeAnonymousInto(tx, ws.id, state.fromProfileId, state.intoProfileId, clock.now());
    return { ...state, status: "done" as const };
  });
}

const copy = {
  en: {
    subject: "Add your answers to “{quiz}” to your profile?",
    heading: "Was this you?",
    body: "Someone finished “{quiz}” and gave this email address. If it was you, confirm to add the answers to your profile. If not, ignore this email: nothing is added.",
    button: "Add my answers",
    fallback: "If the button does not work, paste this address into your browser",
    footer: "You get this email because this address was entered in a quiz. The link works for 7 days.",
  },
  de: {
    subject: "Deine Antworten zu „{quiz}“ deinem Profil hinzufügen?",
    heading: "Warst du das?",
    body: "Jemand hat „{quiz}“ abgeschlossen und diese E-Mail-Adresse angegeben. Warst du es, bestätige, um die Antworten deinem Profil hinzuzufügen. Sonst ignoriere diese E-Mail: Es wird nichts hinzugefügt.",
    button: "Antworten hinzufügen",
    fallback: "Falls der Button nicht funktioniert, kopiere diese Adresse in deinen Browser",
    footer: "Du bekommst diese E-Mail, weil diese Adresse in einem Quiz angegeben wurde. Der Link gilt 7 Tage.",
  },
} as const;

/** Mail the claim link to the address's owner (after the completion committed). */
export async function sendClaimMail(
  db: Db,
  p: { workspace: Pick<Workspace, "id" | "slug" | "name" | "linkSecret" | "settings">; quizSlug: string; quizTitle: string; responseId: string; intoProfileId: string; email: string; locale: string },
  clock: Clock = systemClock,
) {
  const since = new Date(clock.now().getTime() - 3600_000);
  const [recent] = await db
    .select({ n: count() })
    .from(outboundMail)
    .where(and(eq(outboundMail.workspaceId, p.workspace.id), eq(outboundMail.profileId, p.intoProfileId), eq(outboundMail.kind, "quiz.claim"), gt(outboundMail.createdAt, since)));
  // The answers stay apart either way; the person can take the quiz again later for a new link.
  if ((recent?.n ?? 0) >= CLAIM_MAILS_PER_HOUR) return null;
  const token = claimToken(p.workspace.linkSecret, p.responseId, p.intoProfileId, clock.now());
  const url = `${env().APP_URL}/q/${encodeURIComponent(p.workspace.slug)}/${encodeURIComponent(p.quizSlug)}/claim?t=${token}&lang=${p.locale}`;
  const words = p.locale === "de" ? copy.de : copy.en;
  const fill = (s: string) => s.replaceAll("{quiz}", p.quizTitle);
  const content = renderEmail({
    subject: fill(words.subject),
    preheader: fill(words.body),
    heading: words.heading,
    blocks: [
      { kind: "paragraph", text: fill(words.body) },
      { kind: "button", label: words.button, url },
      { kind: "link", label: words.fallback, url },
    ],
    footer: words.footer,
    brandName: p.workspace.name,
    brandColor: p.workspace.settings.brandColor,
  });
  return sendMail(db, { ...content, kind: "quiz.claim", to: p.email, workspaceId: p.workspace.id, profileId: p.intoProfileId, secrets: [token] }, { clock });
}
