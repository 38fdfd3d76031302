import { z } from "zod";
import { responseStatuses } from "@/lib/db/schema/quizzes";
import { quizDefinition, quizSlug } from "./definition";

// Client-safe inputs of the quiz services: builder actions, the REST API and the CLI share them.

export const createQuizInput = z.object({
  name: z.string().trim().min(1, "Enter a name").max(120, "Use at most 120 characters"),
  slug: quizSlug,
  /** A definition to start from (the seed, an import); a one-question starter otherwise. */
  definition: quizDefinition.optional(),
});
export type CreateQuizInput = z.input<typeof createQuizInput>;

export const saveDraftInput = z.object({
  quizId: z.string().min(1),
  /** The draft revision the editor started from: a newer one in the database means someone else saved. */
  revision: z.coerce.number().int().min(1),
  name: z.string().trim().min(1, "Enter a name").max(120, "Use at most 120 characters").optional(),
  definition: quizDefinition,
});
export type SaveDraftInput = z.input<typeof saveDraftInput>;

export const publishInput = z.object({
  quizId: z.string().min(1),
  revision: z.coerce.number().int().min(1),
});

/** Hidden-field and UTM values are short strings; anything else in a URL is ignored. */
export const hiddenValues = z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), z.string().max(200)).default({});

export const answerValue = z.union([z.string().max(5000), z.number(), z.array(z.string().max(200)).max(50), z.null()]);

/** Server-side submission for brands that render their own quiz UI. */
export const apiSubmitInput = z
  .object({
    profile: z
      .object({
        email: z.string().max(254).optional(),
        externalId: z.string().max(200).optional(),
      })
      .strict()
      .refine((p) => p.email !== undefined || p.externalId !== undefined, { message: "Give an email or an externalId", path: ["email"] }),
    answers: z.record(z.string().max(40), answerValue).refine((a) => Object.keys(a).length <= 200, "Too many answers"),
    hidden: hiddenValues.optional(),
    /** The language the questions were shown in; defaults to the quiz's default. */
    locale: z.string().regex(/^[a-z]{2}$/).optional(),
    /** The person ticked the marketing box of the email question (never assumed). */
    marketingOptIn: z.boolean().default(false),
    /** Which published version the answers were given to; the newest when left out. */
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type ApiSubmitInput = z.input<typeof apiSubmitInput>;

export const responseStatus = z.enum(responseStatuses);

const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((s) => new Date(s))
  .meta({ description: "ISO 8601 date or date-time", example: "2026-03-01T00:00:00Z" });

export const listResponsesQuery = z.object({
  status: responseStatus.optional(),
  version: z.coerce.number().int().min(1).optional(),
  profileId: z.string().max(40).optional(),
  from: instant.optional(),
  to: instant.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListResponsesQuery = z.input<typeof listResponsesQuery>;
export type ListResponsesFilter = z.output<typeof listResponsesQuery>;
