import type { ParseArgsConfig } from "node:util";
import type { Db, DbHandle } from "@/lib/db/client";

/** What a command gets: parsed options, the database (opened on first use) and where to write. */
export interface CliContext {
  options: Record<string, string | boolean | undefined>;
  db(): Promise<Db>;
  handle(): Promise<DbHandle>;
  /** One line to stdout: results, and for `apikey create` the key alone on the last line. */
  out(line: string): void;
  /** One line to stderr: progress and notes that scripts should not capture. */
  err(line: string): void;
}

/** One CLI command. Options are strings; `required` ones are checked before `run`. */
export interface CliCommand {
  /** One or two words: `seed`, `apikey create`. */
  name: string;
  summary: string;
  options?: ParseArgsConfig["options"];
  required?: string[];
  /** Shown in help after the name, e.g. `--workspace S [--name N]`. */
  usage?: string;
  run(ctx: CliContext): Promise<void>;
}

/** Bad input: the message is printed with the usage and the exit code is 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The string value of an option that `required` guarantees. */
export function option(ctx: CliContext, name: string): string {
  const value = ctx.options[name];
  if (typeof value !== "string" || value === "") throw new UsageError(`--${name} is required`);
  return value;
}
