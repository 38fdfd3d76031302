import type { FieldError } from "@/lib/core/errors";
import type { ValidationIssue } from "@/lib/quizzes/validate";

/** What the builder's save, publish and archive actions answer. */
export type BuilderResult =
  | { ok: true; revision: number; issues: ValidationIssue[]; published?: { version: number; created: boolean } }
  | { ok: false; conflict: boolean; error: string; fields: FieldError[] };
