import { parseArgs } from "node:util";
import type { DbHandle } from "@/lib/db/client";
import { AppError } from "@/lib/core/errors";
import { commands as allCommands } from "./commands";
import { UsageError, type CliCommand, type CliContext } from "./types";

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Opens (and migrates) the database on first use; `help` never opens it. */
  handle(): Promise<DbHandle>;
}

export function helpText(commands: CliCommand[] = allCommands): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}${c.usage ? `\n  ${" ".repeat(width)}${c.usage}` : ""}`);
  return ["Usage: npm run candor -- <command> [options]", "", "Commands:", ...lines, `  ${"help".padEnd(width)}Show this help`].join("\n");
}

function findCommand(argv: string[], commands: CliCommand[]): { command: CliCommand; rest: string[] } | null {
  const two = argv.slice(0, 2).join(" ");
  const byTwo = commands.find((c) => c.name === two);
  if (byTwo) return { command: byTwo, rest: argv.slice(2) };
  const byOne = commands.find((c) => c.name === argv[0]);
  return byOne ? { command: byOne, rest: argv.slice(1) } : null;
}

/**
 * Run one CLI invocation and answer its exit code: 0 done, 1 refused or failed, 2 bad usage.
 * The caller closes the database afterwards.
 */
export async function runCli(argv: string[], io: CliIo, commands: CliCommand[] = allCommands): Promise<number> {
  if (argv.length === 0 || ["help", "--help", "-h"].includes(argv[0]!)) {
    (argv.length === 0 ? io.err : io.out)(helpText(commands));
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv, commands);
  if (!found) {
    io.err(`Unknown command "${argv.slice(0, 2).join(" ")}".\n\n${helpText(commands)}`);
    return 2;
  }
  const { command, rest } = found;
  try {
    const { values } = parseArgs({ args: rest, options: command.options ?? {}, strict: true, allowPositionals: false });
    for (const name of command.required ?? []) {
      if (typeof values[name] !== "string" || values[name] === "") throw new UsageError(`--${name} is required`);
    }
    let opened: Promise<DbHandle> | undefined;
    const handle = () => (opened ??= io.handle());
    const ctx: CliContext = {
      options: values as CliContext["options"],
      handle,
      db: async () => (await handle()).db,
      out: io.out,
      err: io.err,
    };
    await command.run(ctx);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && "code" in err && String(err.code).startsWith("ERR_PARSE_ARGS"))) {
      io.err(`${command.name}: ${err.message}\nUsage: npm run candor -- ${command.name} ${command.usage ?? ""}`.trimEnd());
      return 2;
    }
    if (err instanceof AppError && err.code !== "internal") {
      const fields = err.fields.filter((f) => !err.message.includes(f.message)).map((f) => `  ${f.path}: ${f.message}`);
      io.err([`${command.name}: ${err.message}`, ...fields].join("\n"));
      return 1;
    }
    io.err(`${command.name} failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
