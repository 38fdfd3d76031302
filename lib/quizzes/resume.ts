import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError, parseInput } from "@/lib/core/errors";
import { renderEmail } from "@/lib/email/render";
import { sendMail } from "@/lib/email/service";
import { profileEmail } from "@/lib/profiles/schemas";
import { localize } from "./definition";
import type { Run } from "./runs";

const copy = {
  en: {
    subject: "Continue “{quiz}”",
    heading: "Pick up where you left off",
    body: "You asked us to save your answers to “{quiz}”. The button brings you back to the next question, on any device.",
    button: "Continue the quiz",
    fallback: "If the button does not work, paste this address into your browser",
    footer: "You get this email because someone entered this address to continue a quiz. If that wasn't you, ignore it: nothing else happens.",
  },
  de: {
    subject: "„{quiz}“ fortsetzen",
    heading: "Mach dort weiter, wo du aufgehört hast",
    body: "Du wolltest deine Antworten zu „{quiz}“ speichern. Der Button bringt dich zur nächsten Frage zurück – auf jedem Gerät.",
    button: "Quiz fortsetzen",
    fallback: "Falls der Button nicht funktioniert, kopiere diese Adresse in deinen Browser",
    footer: "Du bekommst diese E-Mail, weil jemand diese Adresse eingegeben hat, um ein Quiz fortzusetzen. Warst du das nicht, ignoriere sie einfach.",
  },
} as const;

/**
 * "Email me a link to continue": send the run's resume link to the address given. The address is
 * only used for this mail (it is not stored on the response or a profile), and the token is kept
 * out of the stored copy of the mail.
 */
export async function sendResumeLink(db: Db, p: { run: Run; token: string; email: string; resumeUrl: string; locale: string }) {
  const to = parseInput(profileEmail, p.email, ["email"]);
  if (p.run.response.status === "completed") throw new AppError("conflict", "This quiz is already finished");
  const words = p.locale === "de" ? copy.de : copy.en;
  const quiz = localize(p.run.definition.title, p.locale, p.run.definition.defaultLocale);
  const fill = (s: string) => s.replaceAll("{quiz}", quiz);
  const content = renderEmail({
    subject: fill(words.subject),
    preheader: fill(words.body),
    heading: words.heading,
    blocks: [
      { kind: "paragraph", text: fill(words.body) },
      { kind: "button", label: words.button, url: p.resumeUrl },
      { kind: "link", label: words.fallback, url: p.resumeUrl },
    ],
    footer: words.footer,
    brandName: p.run.workspace.name,
    brandColor: p.run.workspace.settings.brandColor,
  });
  return sendMail(db, {
    ...content,
    kind: "quiz.resume_link",
    to,
    workspaceId: p.run.response.workspaceId,
    profileId: p.run.response.profileId,
    secrets: [p.token],
  });
}
