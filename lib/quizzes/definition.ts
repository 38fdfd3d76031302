import { z } from "zod";

// Client-safe: the builder, the runtime, the services and the API share this one schema.

/** The shape version of a definition; a stored definition says which one it follows. */
export const QUIZ_SCHEMA_VERSION = 1;

export const MAX_QUESTIONS = 100;
export const MAX_OPTIONS = 30;
export const MAX_TEXT = 2000;
/** How deep a branching condition may nest; deeper trees are refused at save. */
export const MAX_CONDITION_DEPTH = 6;

/** Keys of questions, options, endings and hidden fields: what answers and rules refer to. */
export const itemKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "Use 1–40 lower-case letters, digits or _, starting with a letter");

export const quizSlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "Use at least 2 characters")
  .max(60, "Use at most 60 characters")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Use lower-case letters, digits and dashes (not at the ends)");

export const localeCode = z.string().regex(/^[a-z]{2}$/, "Use a two-letter language code such as en or de");

/** A text in several languages: `{ "en": "Your skin type?", "de": "Ihr Hauttyp?" }`. */
export const localizedText = z.record(localeCode, z.string().max(MAX_TEXT, `Use at most ${MAX_TEXT} characters`));
export type LocalizedText = z.infer<typeof localizedText>;

/** Trait keys follow the trait definitions of the workspace; the validator checks they exist. */
export const traitKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "Not a trait key");

/** What choosing an option does to a trait: set a value, add to a list, add to a numeric score. */
export const traitEffect = z.discriminatedUnion("op", [
  z.object({ op: z.literal("set"), trait: traitKey, value: z.union([z.string().max(200), z.number(), z.boolean()]) }),
  z.object({ op: z.literal("add"), trait: traitKey, value: z.string().min(1).max(200) }),
  z.object({ op: z.literal("score"), trait: traitKey, by: z.number().finite() }),
]);
export type TraitEffect = z.infer<typeof traitEffect>;

const comparisonOps = ["eq", "neq", "in", "nin", "includes", "excludes", "gt", "gte", "lt", "lte", "answered", "unanswered"] as const;
export type ComparisonOp = (typeof comparisonOps)[number];
const conditionValue = z.union([z.string().max(200), z.number().finite(), z.array(z.string().max(200)).max(MAX_OPTIONS)]);

/** A test on an earlier answer (`{ "answer": "skin_type", "op": "eq", "value": "dry" }`). */
export const answerTest = z.object({ answer: itemKey, op: z.enum(comparisonOps), value: conditionValue.optional() });
/** A test on a hidden field the brand passed in the URL (`{ "hidden": "plan", "op": "eq", "value": "pro" }`). */
export const hiddenTest = z.object({ hidden: itemKey, op: z.enum(comparisonOps), value: conditionValue.optional() });

/**
 * A branching condition: all / any / not over tests of answers and hidden fields — the same
 * tree shape as the personalization rule language, restricted to what a quiz knows mid-run.
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | z.infer<typeof answerTest>
  | z.infer<typeof hiddenTest>;

export const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(condition).max(50) }).strict(),
    z.object({ any: z.array(condition).max(50) }).strict(),
    z.object({ not: condition }).strict(),
    answerTest.strict(),
    hiddenTest.strict(),
  ]),
);

/** After a question: go to `to` (a later question or an ending) when `when` holds, or always without it. */
export const jump = z.object({ when: condition.optional(), to: itemKey });
export type Jump = z.infer<typeof jump>;

export const option = z.object({
  key: itemKey,
  label: localizedText,
  /** Image choice only: an https URL or a path on this server. */
  imageUrl: z
    .string()
    .max(2000)
    .regex(/^(https:\/\/|\/)[^\s"'<>]*$/, "Use an https:// URL or a path starting with /")
    .optional(),
  imageAlt: localizedText.optional(),
  effects: z.array(traitEffect).max(10).default([]),
});
export type QuizOption = z.infer<typeof option>;

const questionBase = {
  key: itemKey,
  title: localizedText,
  description: localizedText.optional(),
  required: z.boolean().default(true),
  /** Shown only when this holds; skipped otherwise. */
  showIf: condition.optional(),
  /** Evaluated in order after the question is answered; the first that holds decides where to go. */
  jumps: z.array(jump).max(20).default([]),
  /** Store the answer itself as this trait (option key, list of keys, number or text). */
  saveAs: traitKey.optional(),
};

const choiceFields = {
  options: z.array(option).max(MAX_OPTIONS),
};

export const singleChoiceQuestion = z.object({ ...questionBase, type: z.literal("single_choice"), ...choiceFields });
export const multipleChoiceQuestion = z.object({
  ...questionBase,
  type: z.literal("multiple_choice"),
  ...choiceFields,
  minSelected: z.number().int().min(0).max(MAX_OPTIONS).optional(),
  maxSelected: z.number().int().min(1).max(MAX_OPTIONS).optional(),
});
export const imageChoiceQuestion = z.object({
  ...questionBase,
  type: z.literal("image_choice"),
  ...choiceFields,
  multiple: z.boolean().default(false),
  minSelected: z.number().int().min(0).max(MAX_OPTIONS).optional(),
  maxSelected: z.number().int().min(1).max(MAX_OPTIONS).optional(),
});
export const scaleQuestion = z.object({
  ...questionBase,
  type: z.literal("scale"),
  min: z.number().int().min(-100).max(100).default(1),
  max: z.number().int().min(-100).max(100).default(5),
  minLabel: localizedText.optional(),
  maxLabel: localizedText.optional(),
});
export const shortTextQuestion = z.object({
  ...questionBase,
  type: z.literal("short_text"),
  maxLength: z.number().int().min(1).max(2000).default(500),
  multiline: z.boolean().default(false),
});
export const emailQuestion = z.object({
  ...questionBase,
  type: z.literal("email"),
  /** The consent purpose the answers serve; its current notice is shown beside the field. */
  purpose: itemKey.default("personalization"),
  /** An extra, unticked-by-default box for marketing email (its own notice, its own consent record). */
  marketingOptIn: z.object({ enabled: z.boolean().default(false), label: localizedText.optional() }).default({ enabled: false }),
});

export const question = z.discriminatedUnion("type", [
  singleChoiceQuestion,
  multipleChoiceQuestion,
  imageChoiceQuestion,
  scaleQuestion,
  shortTextQuestion,
  emailQuestion,
]);
export type Question = z.infer<typeof question>;
export type QuestionType = Question["type"];
export type ChoiceQuestion = Extract<Question, { options: unknown }>;
export const questionTypes = question.options.map((o) => o.shape.type.value) as QuestionType[];

export const ending = z.object({
  key: itemKey,
  title: localizedText,
  body: localizedText.optional(),
  /** Falling off the last question picks the first ending whose condition holds (or has none). */
  showIf: condition.optional(),
  cta: z
    .object({ label: localizedText, url: z.string().max(2000).regex(/^(https?:\/\/|\/)[^\s"'<>]*$/, "Use an http(s) URL or a path") })
    .optional(),
});
export type Ending = z.infer<typeof ending>;

/** A value the brand passes in the quiz URL (`?plan=pro`), kept with the response and usable in branching. */
export const hiddenField = z.object({ key: itemKey, label: z.string().max(80).optional() });
export type HiddenField = z.infer<typeof hiddenField>;

export const quizDefinition = z.object({
  schemaVersion: z.literal(QUIZ_SCHEMA_VERSION).default(QUIZ_SCHEMA_VERSION),
  defaultLocale: localeCode.default("en"),
  locales: z.array(localeCode).min(1).max(20).default(["en"]),
  title: localizedText,
  intro: localizedText.optional(),
  questions: z.array(question).max(MAX_QUESTIONS),
  endings: z.array(ending).max(20),
  hiddenFields: z.array(hiddenField).max(20).default([]),
});
export type QuizDefinition = z.infer<typeof quizDefinition>;
export type QuizDefinitionInput = z.input<typeof quizDefinition>;

/** Answer values as stored: an option key, a list of keys, a number, a text; null when skipped. */
export type AnswerValue = string | string[] | number | null;
export type Answers = Record<string, AnswerValue>;

export function isChoice(q: Question): q is ChoiceQuestion {
  return q.type === "single_choice" || q.type === "multiple_choice" || q.type === "image_choice";
}

/** Whether the question's answer is a list of option keys. */
export function isMultiple(q: Question): boolean {
  return q.type === "multiple_choice" || (q.type === "image_choice" && q.multiple);
}

/** The text in `locale`, else in the default locale, else any text there is. */
export function localize(text: LocalizedText | undefined, locale: string, defaultLocale: string): string {
  if (!text) return "";
  return text[locale] || text[defaultLocale] || Object.values(text).find((t) => t) || "";
}
