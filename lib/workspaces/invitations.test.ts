import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { ManualClock } from "@/lib/core/clock";
import { AppError } from "@/lib/core/errors";
import { invitations, outboundMail } from "@/lib/db/schema";
import { listAudit } from "@/lib/audit/service";
import type { MailTransport, OutgoingMessage } from "@/lib/email/transport";
import { acceptInvitation, INVITATION_TTL_MS, inviteMember, listPendingInvitations, previewInvitation, resendInvitation, revokeInvitation } from "./invitations";
import { createWorkspace, ensureUser } from "./service";
import { listMembers } from "./queries";

let h: DbHandle;
const sent: OutgoingMessage[] = [];
const transport: MailTransport = { kind: "smtp", send: async (m) => (sent.push(m), { providerMessageId: "<x@test>" }) };
const clock = new ManualClock("2026-03-01T09:00:00Z");
const deps = { transport, clock };

let wsA: { id: string; slug: string };
let wsB: { id: string; slug: string };
const ownerActor = { type: "user" as const, id: "", label: "owner@glow.test" };

/** The token is only ever in the mail; read it from the last one sent (as a person would). */
function lastToken(): string {
  const text = sent.at(-1)?.text ?? "";
  const match = /\/invite\/([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error("no invitation link in the last mail");
  return match[1];
}

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

beforeAll(async () => {
  h = await createTestDb();
  const owner = await ensureUser(h.db, "owner@glow.test");
  ownerActor.id = owner.id;
  wsA = await createWorkspace(h.db, { name: "Glow", slug: "glow-inv" }, ownerActor, owner.id);
  wsB = await createWorkspace(h.db, { name: "Acme", slug: "acme-inv" }, { type: "cli" }, (await ensureUser(h.db, "owner@acme.test")).id);
});

afterAll(async () => {
  await h.close();
});

describe("invitations", () => {
  it("mails a link, keeps only the token's hash, and audits the invitation", async () => {
    const res = await inviteMember(h.db, { workspaceId: wsA.id, email: " New.Person@Example.com ", role: "editor", actorRole: "owner" }, ownerActor, deps);
    expect(res).toMatchObject({ email: "new.person@example.com", role: "editor", mail: { status: "sent" } });
    expect(res.expiresAt.getTime() - clock.now().getTime()).toBe(INVITATION_TTL_MS);
    const token = lastToken();
    expect(sent.at(-1)).toMatchObject({ to: "new.person@example.com", subject: "Join Glow on Candor" });
    const [row] = await h.db.select().from(invitations).where(eq(invitations.id, res.invitationId));
    expect(row!.tokenHash).not.toContain(token);
    const [mail] = await h.db.select().from(outboundMail).where(eq(outboundMail.id, res.mail.id));
    expect(mail!.workspaceId).toBe(wsA.id);
    expect(mail!.text).not.toContain(token);
    const audit = await listAudit(h.db, { workspaceId: wsA.id, action: "member.invited" });
    expect(audit[0]).toMatchObject({ actorId: ownerActor.id, targetId: res.invitationId, after: { email: "new.person@example.com", role: "editor" } });
  });

  it("lets the invitee in once: a second use of the same link is refused", async () => {
    await inviteMember(h.db, { workspaceId: wsA.id, email: "once@example.com", role: "viewer", actorRole: "owner" }, ownerActor, deps);
    const token = lastToken();
    expect(await previewInvitation(h.db, token, clock)).toMatchObject({ status: "valid", email: "once@example.com", workspace: { slug: wsA.slug } });
    const accepted = await acceptInvitation(h.db, { token }, clock);
    expect(accepted).toMatchObject({ email: "once@example.com", role: "viewer", workspace: { id: wsA.id } });
    const members = await listMembers(h.db, { workspaceId: wsA.id });
    expect(members.find((m) => m.email === "once@example.com")?.role).toBe("viewer");
    expect((await errorOf(acceptInvitation(h.db, { token }, clock))).code).toBe("gone");
    expect((await previewInvitation(h.db, token, clock)).status).toBe("used");
    const actions = (await listAudit(h.db, { workspaceId: wsA.id })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["member.invitation_accepted", "member.added"]));
  });

  it("refuses an expired link", async () => {
    await inviteMember(h.db, { workspaceId: wsA.id, email: "late@example.com", actorRole: "owner" }, ownerActor, deps);
    const token = lastToken();
    const later = new ManualClock(clock.now());
    later.advance(INVITATION_TTL_MS + 1000);
    expect((await previewInvitation(h.db, token, later)).status).toBe("expired");
    expect((await errorOf(acceptInvitation(h.db, { token }, later))).code).toBe("gone");
    expect((await listMembers(h.db, { workspaceId: wsA.id })).some((m) => m.email === "late@example.com")).toBe(false);
  });

  it("refuses a link made up or altered", async () => {
    expect((await previewInvitation(h.db, "not-a-real-token", clock)).status).toBe("invalid");
    expect((await errorOf(acceptInvitation(h.db, { token: "not-a-real-token" }, clock))).code).toBe("not_found");
  });

  it("refuses a signed-in account whose email is not the invited one", async () => {
    await inviteMember(h.db, { workspaceId: wsA.id, email: "right@example.com", actorRole: "owner" }, ownerActor, deps);
    const token = lastToken();
    const wrong = await ensureUser(h.db, "wrong@example.com");
    expect((await errorOf(acceptInvitation(h.db, { token, user: { id: wrong.id, email: wrong.email! } }, clock))).code).toBe("forbidden");
    const right = await ensureUser(h.db, "right@example.com");
    await expect(acceptInvitation(h.db, { token, user: { id: right.id, email: "Right@Example.com" } }, clock)).resolves.toMatchObject({ userId: right.id });
  });

  it("answers 404 for another workspace's invitation", async () => {
    const res = await inviteMember(h.db, { workspaceId: wsA.id, email: "iso@example.com", actorRole: "owner" }, ownerActor, deps);
    const otherActor = { type: "cli" as const };
    expect((await errorOf(revokeInvitation(h.db, { workspaceId: wsB.id, invitationId: res.invitationId, actorRole: "owner" }, otherActor))).code).toBe("not_found");
    expect((await errorOf(resendInvitation(h.db, { workspaceId: wsB.id, invitationId: res.invitationId, actorRole: "owner" }, otherActor, deps))).code).toBe(
      "not_found",
    );
    expect((await listPendingInvitations(h.db, { workspaceId: wsB.id })).map((i) => i.email)).not.toContain("iso@example.com");
    expect((await listPendingInvitations(h.db, { workspaceId: wsA.id })).map((i) => i.email)).toContain("iso@example.com");
  });

  it("resending replaces the link: the old one stops working, the new one works", async () => {
    const res = await inviteMember(h.db, { workspaceId: wsA.id, email: "again@example.com", actorRole: "owner" }, ownerActor, deps);
    const first = lastToken();
    await resendInvitation(h.db, { workspaceId: wsA.id, invitationId: res.invitationId, actorRole: "owner" }, ownerActor, deps);
    const second = lastToken();
    expect(second).not.toBe(first);
    expect((await previewInvitation(h.db, first, clock)).status).toBe("invalid");
    expect((await previewInvitation(h.db, second, clock)).status).toBe("valid");
  });

  it("revoking kills the link", async () => {
    const res = await inviteMember(h.db, { workspaceId: wsA.id, email: "revoked@example.com", actorRole: "owner" }, ownerActor, deps);
    const token = lastToken();
    await revokeInvitation(h.db, { workspaceId: wsA.id, invitationId: res.invitationId, actorRole: "owner" }, ownerActor);
    expect((await previewInvitation(h.db, token, clock)).status).toBe("invalid");
    const audit = await listAudit(h.db, { workspaceId: wsA.id, action: "member.invitation_revoked" });
    expect(audit[0]?.before).toMatchObject({ email: "revoked@example.com" });
  });

  it("refuses to invite an existing member, and lets only owners invite owners", async () => {
    const dup = await errorOf(inviteMember(h.db, { workspaceId: wsA.id, email: "owner@glow.test", actorRole: "owner" }, ownerActor, deps));
    expect(dup.code).toBe("conflict");
    expect(dup.fields[0]?.path).toBe("email");
    const escalate = await errorOf(inviteMember(h.db, { workspaceId: wsA.id, email: "boss@example.com", role: "owner", actorRole: "admin" }, ownerActor, deps));
    expect(escalate.code).toBe("forbidden");
    expect((await errorOf(inviteMember(h.db, { workspaceId: wsA.id, email: "x@example.com", actorRole: "editor" }, ownerActor, deps))).code).toBe("forbidden");
  });

  it("rejects a malformed address with a field error", async () => {
    const err = await errorOf(inviteMember(h.db, { workspaceId: wsA.id, email: "not an email", actorRole: "owner" }, ownerActor, deps));
    expect(err.code).toBe("validation_failed");
    expect(err.fields[0]?.path).toBe("email");
  });
});
