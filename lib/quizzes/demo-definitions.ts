import type { QuizDefinitionInput } from "./definition";
import type { TraitSpec } from "./validate";

// The demo quizzes. Question and option keys are part of the public contract (DESIGN.md).

const t = (en: string, de?: string): Record<string, string> => (de ? { en, de } : { en });

/** The traits the demo quizzes write, per workspace, with the consent purpose they serve. */
export const demoQuizTraits: Record<"glow" | "acme", Record<string, TraitSpec & { label: string; purpose: string }>> = {
  glow: {
    skin_type: { label: "Skin type", type: "string", allowedValues: ["dry", "oily", "combination", "normal"], purpose: "personalization" },
    concerns: {
      label: "Skin concerns",
      type: "string_list",
      allowedValues: ["acne", "aging", "dullness", "redness", "dark_spots"],
      purpose: "personalization",
    },
    sensitive: { label: "Sensitive skin", type: "boolean", purpose: "personalization" },
    fragrance_free: { label: "Prefers fragrance-free", type: "boolean", purpose: "personalization" },
    budget: { label: "Budget", type: "string", allowedValues: ["low", "mid", "high"], purpose: "personalization" },
    routine_minutes: { label: "Minutes per day", type: "number", purpose: "personalization" },
  },
  acme: {
    role: { label: "Role", type: "string", allowedValues: ["marketer", "product_manager", "engineer"], purpose: "personalization" },
    team_size: { label: "Team size", type: "string", allowedValues: ["solo", "small", "medium", "large"], purpose: "personalization" },
    stack: { label: "Stack", type: "string_list", allowedValues: ["javascript", "python", "go", "java", "other"], purpose: "personalization" },
    goal: { label: "Main goal", type: "string", purpose: "personalization" },
  },
};

export const routineQuiz: QuizDefinitionInput = {
  defaultLocale: "en",
  locales: ["en", "de"],
  title: t("Find your routine", "Finde deine Pflegeroutine"),
  intro: t(
    "Five quick questions about your skin. We use your answers to suggest products that suit you — and we tell you why.",
    "Fünf kurze Fragen zu deiner Haut. Mit deinen Antworten schlagen wir passende Produkte vor — und sagen dir, warum.",
  ),
  questions: [
    {
      key: "skin_type",
      type: "single_choice",
      title: t("What's your skin type?", "Welcher Hauttyp bist du?"),
      description: t("How your skin feels a few hours after washing.", "Wie sich deine Haut ein paar Stunden nach dem Waschen anfühlt."),
      saveAs: "skin_type",
      options: [
        { key: "dry", label: t("Dry", "Trocken") },
        { key: "oily", label: t("Oily", "Fettig") },
        { key: "combination", label: t("Combination", "Mischhaut") },
        { key: "normal", label: t("Normal", "Normal") },
      ],
    },
    {
      key: "concerns",
      type: "multiple_choice",
      title: t("What would you like to work on?", "Woran möchtest du arbeiten?"),
      saveAs: "concerns",
      minSelected: 1,
      maxSelected: 3,
      options: [
        { key: "acne", label: t("Breakouts", "Unreinheiten") },
        { key: "aging", label: t("Fine lines", "Feine Linien") },
        { key: "dullness", label: t("Dullness", "Fahler Teint") },
        { key: "redness", label: t("Redness", "Rötungen") },
        { key: "dark_spots", label: t("Dark spots", "Pigmentflecken") },
      ],
    },
    {
      key: "sensitive",
      type: "single_choice",
      title: t("Does your skin react easily?", "Reagiert deine Haut schnell empfindlich?"),
      options: [
        { key: "yes", label: t("Yes, it's sensitive", "Ja, sie ist empfindlich"), effects: [{ op: "set", trait: "sensitive", value: true }] },
        { key: "no", label: t("No", "Nein"), effects: [{ op: "set", trait: "sensitive", value: false }] },
      ],
      // Only sensitive skin gets the fragrance question.
      jumps: [{ when: { answer: "sensitive", op: "eq", value: "no" }, to: "budget" }],
    },
    {
      key: "fragrance_free",
      type: "single_choice",
      required: false,
      title: t("Should we stick to fragrance-free products?", "Sollen wir bei duftfreien Produkten bleiben?"),
      options: [
        { key: "yes", label: t("Yes, please", "Ja, bitte"), effects: [{ op: "set", trait: "fragrance_free", value: true }] },
        { key: "no", label: t("Doesn't matter", "Egal"), effects: [{ op: "set", trait: "fragrance_free", value: false }] },
      ],
    },
    {
      key: "budget",
      type: "single_choice",
      title: t("What do you usually spend on one product?", "Wie viel gibst du meist für ein Produkt aus?"),
      saveAs: "budget",
      options: [
        { key: "low", label: t("Under $20", "Unter 20 €") },
        { key: "mid", label: t("$20–50", "20–50 €") },
        { key: "high", label: t("Over $50", "Über 50 €") },
      ],
    },
    {
      key: "minutes",
      type: "scale",
      required: false,
      title: t("How many minutes a day do you want to spend on your skin?", "Wie viele Minuten am Tag möchtest du deiner Haut widmen?"),
      min: 1,
      max: 10,
      minLabel: t("1 minute", "1 Minute"),
      maxLabel: t("10 minutes or more", "10 Minuten oder mehr"),
      saveAs: "routine_minutes",
    },
    {
      key: "email",
      type: "email",
      title: t("Where should we send your routine?", "Wohin sollen wir deine Routine schicken?"),
      purpose: "personalization",
      marketingOptIn: {
        enabled: true,
        label: t("Also send me routine tips and offers by email", "Schickt mir auch Pflegetipps und Angebote per E-Mail"),
      },
    },
  ],
  endings: [
    {
      key: "done",
      title: t("Your routine is ready", "Deine Routine ist fertig"),
      body: t("Here is what you told us. Your picks use only these answers.", "Das hast du uns gesagt. Deine Empfehlungen beruhen nur auf diesen Antworten."),
    },
  ],
  hiddenFields: [{ key: "product", label: "Product page the quiz was opened from" }],
};

export const welcomeQuiz: QuizDefinitionInput = {
  defaultLocale: "en",
  locales: ["en"],
  title: t("Welcome to Acme"),
  intro: t("Tell us a little about you and we'll set Acme up for the way you work. It takes a minute."),
  questions: [
    {
      key: "role",
      type: "single_choice",
      title: t("What's your role?"),
      saveAs: "role",
      options: [
        { key: "marketer", label: t("Marketer") },
        { key: "product_manager", label: t("Product manager") },
        { key: "engineer", label: t("Engineer") },
      ],
      // Only engineers are asked about their stack.
      jumps: [{ when: { answer: "role", op: "neq", value: "engineer" }, to: "team_size" }],
    },
    {
      key: "stack",
      type: "multiple_choice",
      required: false,
      title: t("Which languages does your team use?"),
      saveAs: "stack",
      options: [
        { key: "javascript", label: t("JavaScript / TypeScript") },
        { key: "python", label: t("Python") },
        { key: "go", label: t("Go") },
        { key: "java", label: t("Java / Kotlin") },
        { key: "other", label: t("Something else") },
      ],
    },
    {
      key: "team_size",
      type: "single_choice",
      title: t("How big is your team?"),
      saveAs: "team_size",
      options: [
        { key: "solo", label: t("Just me") },
        { key: "small", label: t("2–10") },
        { key: "medium", label: t("11–50") },
        { key: "large", label: t("More than 50") },
      ],
    },
    {
      key: "goal",
      type: "short_text",
      title: t("What's the main thing you want to get done with Acme?"),
      maxLength: 280,
      multiline: true,
      saveAs: "goal",
    },
    {
      key: "email",
      type: "email",
      title: t("Your work email"),
      purpose: "personalization",
      marketingOptIn: { enabled: true, label: t("Send me Acme's product updates by email") },
    },
  ],
  endings: [
    {
      key: "engineer",
      title: t("Welcome aboard, engineer"),
      body: t("We'll start you with the API and SDK guides."),
      showIf: { answer: "role", op: "eq", value: "engineer" },
    },
    {
      key: "welcome",
      title: t("Welcome aboard"),
      body: t("Here is what you told us. We'll shape your first week around it."),
    },
  ],
  hiddenFields: [
    { key: "plan", label: "Plan the person signed up for" },
    { key: "source", label: "Where the sign-up came from" },
  ],
};
