// The admin CLI: `npm run candor -- <command>` (see `npm run candor -- help`).
import { closeDb, getDbHandle } from "@/lib/db/client";
import { runCli } from "./cli/run";

async function main(): Promise<number> {
  try {
    return await runCli(process.argv.slice(2), {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
      handle: getDbHandle,
    });
  } finally {
    // An open PGlite or connection pool would keep the process alive after the command.
    await closeDb();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
