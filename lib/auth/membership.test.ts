import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { addMember, createWorkspace, ensureUser } from "@/lib/workspaces/service";
import { checkMembership } from "./membership";
import { safeRedirect, onAppOrigin } from "./config";
import { safeReturnPath, requestSignInLinkInput } from "./sign-in-schemas";

let h: DbHandle;
let ownerId: string;
let viewerId: string;
let outsiderId: string;

beforeAll(async () => {
  h = await createTestDb();
  ownerId = (await ensureUser(h.db, "owner@m.test")).id;
  viewerId = (await ensureUser(h.db, "viewer@m.test")).id;
  outsiderId = (await ensureUser(h.db, "outsider@m.test")).id;
  const ws = await createWorkspace(h.db, { name: "Members", slug: "members-ws" }, { type: "cli" }, ownerId);
  await addMember(h.db, { workspaceId: ws.id, userId: viewerId, role: "viewer" }, { type: "cli" });
  await createWorkspace(h.db, { name: "Other", slug: "other-ws" }, { type: "cli" }, outsiderId);
});

afterAll(async () => {
  await h.close();
});

describe("checkMembership", () => {
  it("lets a member in with a role that is high enough", async () => {
    const res = await checkMembership(h.db, { userId: ownerId, workspaceSlug: "members-ws", minRole: "admin" });
    expect(res.status).toBe("ok");
    if (res.status === "ok") expect(res.member.role).toBe("owner");
  });

  it("says forbidden when the role is too low", async () => {
    expect((await checkMembership(h.db, { userId: viewerId, workspaceSlug: "members-ws", minRole: "editor" })).status).toBe("forbidden");
    expect((await checkMembership(h.db, { userId: viewerId, workspaceSlug: "members-ws", minRole: "viewer" })).status).toBe("ok");
  });

  it("answers the same for another tenant's workspace and for one that does not exist", async () => {
    const foreign = await checkMembership(h.db, { userId: outsiderId, workspaceSlug: "members-ws", minRole: "viewer" });
    const missing = await checkMembership(h.db, { userId: outsiderId, workspaceSlug: "no-such-ws", minRole: "viewer" });
    expect(foreign).toEqual({ status: "not_found" });
    expect(missing).toEqual(foreign);
  });
});

describe("redirect safety", () => {
  const app = "https://candor.example";

  it("builds links on APP_URL whatever host the request claimed", () => {
    expect(onAppOrigin("http://evil.test:8080/api/auth/callback/nodemailer?token=t&email=a%40b.c", app)).toBe(
      "https://candor.example/api/auth/callback/nodemailer?token=t&email=a%40b.c",
    );
  });

  it("only redirects to paths on APP_URL after sign-in", () => {
    expect(safeRedirect("/w/glow", app)).toBe("https://candor.example/w/glow");
    expect(safeRedirect("https://candor.example/w/glow", app)).toBe("https://candor.example/w/glow");
    expect(safeRedirect("https://evil.test/w/glow", app)).toBe(app);
    expect(safeRedirect("//evil.test/x", app)).toBe(app);
    expect(safeRedirect("/\\evil.test", app)).toBe(app);
  });

  it("keeps sign-in return paths on this site", () => {
    expect(safeReturnPath("/w/glow/settings")).toBe("/w/glow/settings");
    expect(safeReturnPath("https://evil.test")).toBe("/w");
    expect(safeReturnPath("//evil.test")).toBe("/w");
    expect(safeReturnPath("/signin/error")).toBe("/w");
    expect(safeReturnPath(undefined)).toBe("/w");
  });

  it("accepts an email with stray spaces and capitals, and refuses a non-address", () => {
    expect(requestSignInLinkInput.parse({ email: "  Ana@Example.COM ", callbackUrl: "/w" }).email).toBe("ana@example.com");
    expect(requestSignInLinkInput.safeParse({ email: "ana@", callbackUrl: "/w" }).success).toBe(false);
  });
});
