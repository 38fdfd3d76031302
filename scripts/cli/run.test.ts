import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDb } from "@/tests/helpers/db";
import { openDatabase, type DbHandle } from "@/lib/db/client";
import { authenticateApiKey } from "@/lib/auth/api-keys";
import { listMembers } from "@/lib/workspaces/queries";
import { requireWorkspaceBySlug } from "@/lib/workspaces/service";
import { runCli } from "./run";

let h: DbHandle & { url?: string };
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), handle: async () => h });
  return { code, out, err: err.join("\n") };
}

describe("candor CLI (in process)", () => {
  it("creates a workspace, then refuses its slug a second time with a message and exit 1", async () => {
    const first = await cli("workspace", "create", "--slug", "cli-shop", "--name", "CLI Shop", "--owner", "Boss@Shop.test");
    expect(first.code).toBe(0);
    const ws = await requireWorkspaceBySlug(h.db, "cli-shop");
    expect((await listMembers(h.db, { workspaceId: ws.id })).map((m) => [m.email, m.role])).toEqual([["boss@shop.test", "owner"]]);

    const again = await cli("workspace", "create", "--slug", "cli-shop", "--name", "Other");
    expect(again.code).toBe(1);
    expect(again.err).toContain('The slug "cli-shop" is taken');
  });

  it("prints an API key alone on the last line of stdout, and that key authenticates to the workspace", async () => {
    await cli("workspace", "create", "--slug", "cli-keys", "--name", "Keys");
    const res = await cli("apikey", "create", "--workspace", "cli-keys", "--name", "ESP", "--scopes", "profiles:read, events:read");
    expect(res.code).toBe(0);
    const key = res.out.at(-1)!;
    expect(key).toMatch(/^cnd_[0-9A-Za-z]{32}$/);
    const auth = await authenticateApiKey(h.db, key);
    expect(auth.workspaceId).toBe((await requireWorkspaceBySlug(h.db, "cli-keys")).id);
    expect(auth.scopes).toEqual(["events:read", "profiles:read"]);
    expect(res.err).toContain(auth.prefix);

    const all = await cli("apikey", "create", "--workspace", "cli-keys");
    expect((await authenticateApiKey(h.db, all.out.at(-1)!)).scopes).toEqual(["*"]);
  });

  it("refuses bad input with a clear message and a non-zero exit", async () => {
    const unknownScope = await cli("apikey", "create", "--workspace", "cli-keys", "--scopes", "profiles:fly");
    expect(unknownScope.code).toBe(1);
    expect(unknownScope.err).toContain("scopes.0");
    const noWorkspace = await cli("apikey", "create", "--workspace", "missing");
    expect(noWorkspace).toMatchObject({ code: 1, out: [] });
    expect(noWorkspace.err).toContain("Workspace not found");
    const missingOption = await cli("apikey", "create");
    expect(missingOption.code).toBe(2);
    expect(missingOption.err).toContain("--workspace is required");
    const unknownOption = await cli("member", "add", "--workspace", "cli-keys", "--mail", "a@b.co");
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.err).toContain("--mail");
    const unknownCommand = await cli("frobnicate");
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.err).toContain('Unknown command "frobnicate"');
  });

  it("adds members and changes their role", async () => {
    expect((await cli("member", "add", "--workspace", "cli-keys", "--email", "Ed@Keys.test", "--role", "editor")).code).toBe(0);
    expect((await cli("member", "add", "--workspace", "cli-keys", "--email", "ed@keys.test", "--role", "admin")).code).toBe(0);
    const ws = await requireWorkspaceBySlug(h.db, "cli-keys");
    expect((await listMembers(h.db, { workspaceId: ws.id })).map((m) => [m.email, m.role])).toEqual([["ed@keys.test", "admin"]]);
    const bad = await cli("member", "add", "--workspace", "cli-keys", "--email", "ed@keys.test", "--role", "boss");
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("role");
  });

  it("shows help without touching the database", async () => {
    const out: string[] = [];
    const code = await runCli(["help"], { out: (l) => out.push(l), err: () => {}, handle: () => Promise.reject(new Error("opened")) });
    expect(code).toBe(0);
    expect(out.join("\n")).toContain("apikey create");
  });
});

describe("candor CLI (as npm runs it)", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  function run(args: string[], env: NodeJS.ProcessEnv) {
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        path.join(root, "node_modules/.bin/tsx"),
        ["--conditions=react-server", "scripts/candor.ts", ...args],
        { cwd: root, env, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
      );
    });
  }

  it("exits by itself after each command, with the key last on stdout and 1 for a taken slug", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "candor-cli-"));
    const { DATABASE_URL: _server, ...rest } = process.env;
    const env = h.url ? { ...rest, DATABASE_URL: h.url } : { ...rest, CANDOR_DATA_DIR: dataDir };
    try {
      expect((await run(["workspace", "create", "--slug", "spawned", "--name", "Spawned"], env)).code).toBe(0);
      const created = await run(["apikey", "create", "--workspace", "spawned"], env);
      expect(created.code).toBe(0);
      const key = created.stdout.trimEnd().split("\n").at(-1)!;
      expect(key).toMatch(/^cnd_[0-9A-Za-z]{32}$/);
      const taken = await run(["workspace", "create", "--slug", "spawned", "--name", "Again"], env);
      expect(taken.code).toBe(1);
      expect(taken.stderr).toContain('The slug "spawned" is taken');

      const db = h.url ? h : await openDatabase({ dataDir });
      try {
        const auth = await authenticateApiKey(db.db, key);
        expect(auth.workspaceId).toBe((await requireWorkspaceBySlug(db.db, "spawned")).id);
      } finally {
        if (db !== h) await db.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
