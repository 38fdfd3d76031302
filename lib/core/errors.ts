import { z } from "zod";

/** One table of error codes: each maps to an HTTP status and a human title. */
export const errorCodes = {
  bad_request: { status: 400, title: "Bad request" },
  validation_failed: { status: 400, title: "Validation failed" },
  invalid_json: { status: 400, title: "Malformed JSON body" },
  unauthorized: { status: 401, title: "Authentication required" },
  forbidden: { status: 403, title: "Not allowed" },
  not_found: { status: 404, title: "Not found" },
  method_not_allowed: { status: 405, title: "Method not allowed" },
  conflict: { status: 409, title: "Conflict" },
  gone: { status: 410, title: "Gone" },
  payload_too_large: { status: 413, title: "Payload too large" },
  unsupported_media_type: { status: 415, title: "Unsupported media type" },
  unprocessable: { status: 422, title: "Cannot be processed" },
  rate_limited: { status: 429, title: "Too many requests" },
  internal: { status: 500, title: "Internal error" },
  unavailable: { status: 503, title: "Service unavailable" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCodes;

/** A field-level problem: `path` is a JSON pointer-ish dotted path ("topics.news.email.frequency"). */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * The one error class of the domain. Its `message` is safe to show to users
 * (forms, problem+json `detail`); anything else thrown is reported as `internal`.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { fields?: FieldError[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.fields = opts.fields ?? [];
    this.headers = opts.headers ?? {};
  }

  get status(): number {
    return errorCodes[this.code].status;
  }
}

export const notFound = (what = "Resource") => new AppError("not_found", `${what} not found`);

export function fieldErrorsFromZod(error: z.ZodError, prefix: string[] = []): FieldError[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map(String)].join(".") || "(root)",
    message: issue.message,
  }));
}

export function validationError(error: z.ZodError, prefix: string[] = []): AppError {
  const fields = fieldErrorsFromZod(error, prefix);
  const first = fields[0];
  const detail = first ? `${first.path}: ${first.message}` : "The input is not valid";
  return new AppError("validation_failed", detail, { fields });
}

/** Parse with a zod schema, throwing an AppError with field errors on failure. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix: string[] = []): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error, prefix);
  return result.data;
}

/** Normalise anything thrown into an AppError; unknown errors never leak their message. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof z.ZodError) return validationError(err);
  return new AppError("internal", "Something went wrong on our side. It has been logged.", { cause: err });
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors: FieldError[];
  instance?: string;
}

/** RFC 9457 problem details for an AppError. */
export function toProblem(err: AppError, instance?: string): Problem {
  const entry = errorCodes[err.code];
  return {
    type: `https://candor.dev/problems/${err.code.replaceAll("_", "-")}`,
    title: entry.title,
    status: entry.status,
    detail: err.message,
    code: err.code,
    errors: err.fields,
    ...(instance ? { instance } : {}),
  };
}
