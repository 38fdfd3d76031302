import type { Messages } from "@/lib/i18n/translate";

// The hosted checklist's own words; the flow's titles and steps are the brand's.

export type ChecklistMessageKey =
  | "skip"
  | "progress"
  | "done"
  | "doneOn"
  | "markDone"
  | "completesItself"
  | "completedByBrand"
  | "allDone"
  | "stepDone"
  | "invalidTitle"
  | "invalidBody"
  | "expiredTitle"
  | "expiredBody"
  | "noneTitle"
  | "noneBody"
  | "identityTitle"
  | "identityBody"
  | "previewNote";

export const checklistMessages: Messages<ChecklistMessageKey> = {
  en: {
    skip: "Skip to your checklist",
    progress: "{done} of {total} done",
    done: "Done",
    doneOn: "Done on {date}",
    markDone: "Mark “{title}” as done",
    completesItself: "This ticks itself off once it has happened.",
    completedByBrand: "We tick this off for you once it is set up.",
    allDone: "All done — welcome aboard.",
    stepDone: "Nice — “{title}” is done.",
    invalidTitle: "This link does not work",
    invalidBody: "The link is incomplete or was replaced. Use the newest link we sent you.",
    expiredTitle: "This link has expired",
    expiredBody: "Checklist links work for 90 days. Ask us for a new one, or open the checklist from your latest email.",
    noneTitle: "No checklist yet",
    noneBody: "There is no onboarding checklist for you at the moment.",
    identityTitle: "Sign in to see your checklist",
    identityBody: "This checklist is personal, and this page could not tell us who you are. Sign in on the site and reload the page.",
    previewNote: "Preview: each person sees their own steps here and can tick them off.",
  },
  de: {
    skip: "Zur Checkliste springen",
    progress: "{done} von {total} erledigt",
    done: "Erledigt",
    doneOn: "Erledigt am {date}",
    markDone: "„{title}“ als erledigt markieren",
    completesItself: "Das wird automatisch abgehakt, sobald es passiert ist.",
    completedByBrand: "Wir haken das für dich ab, sobald es eingerichtet ist.",
    allDone: "Alles erledigt — willkommen an Bord.",
    stepDone: "Super — „{title}“ ist erledigt.",
    invalidTitle: "Dieser Link funktioniert nicht",
    invalidBody: "Der Link ist unvollständig oder wurde ersetzt. Nutze den neuesten Link, den wir dir geschickt haben.",
    expiredTitle: "Dieser Link ist abgelaufen",
    expiredBody: "Links zur Checkliste gelten 90 Tage. Bitte uns um einen neuen oder öffne die Checkliste aus unserer letzten E-Mail.",
    noneTitle: "Noch keine Checkliste",
    noneBody: "Für dich gibt es gerade keine Onboarding-Checkliste.",
    identityTitle: "Melde dich an, um deine Checkliste zu sehen",
    identityBody: "Diese Checkliste ist persönlich, und diese Seite konnte uns nicht sagen, wer du bist. Melde dich auf der Website an und lade die Seite neu.",
    previewNote: "Vorschau: Hier sieht jede Person ihre eigenen Schritte und kann sie abhaken.",
  },
};
