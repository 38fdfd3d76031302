import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { lockDataDir } from "./data-dir-lock";

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(path.join(tmpdir(), "candor-lock-"));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("embedded data directory lock", () => {
  it("refuses a second process while the first holds it, and frees it on release", () => {
    const dir = fresh();
    // A live process other than us holds the lock: our parent.
    writeFileSync(path.join(dir, "candor.lock"), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(/open in another process \(pid \d+\)/);
    rmSync(path.join(dir, "candor.lock"));
    const release = lockDataDir(dir);
    expect(existsSync(path.join(dir, "candor.lock"))).toBe(true);
    release();
    expect(existsSync(path.join(dir, "candor.lock"))).toBe(false);
  });

  it("takes over a lock left by a process that died", () => {
    const dir = fresh();
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    writeFileSync(path.join(dir, "candor.lock"), dead);
    const release = lockDataDir(dir);
    release();
  });
});
