import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { createSmtpTransport, devTransport, type MailTransport } from "./transport";
import { deliverQueuedMail, queueMail, sendMail } from "./service";
import { findMail } from "./queries";
import { handleMailSendJob } from "./jobs";

let h: DbHandle;
let smtp: SMTPServer;
let smtpUrl: string;
const received: { to: string[]; raw: string }[] = [];

beforeAll(async () => {
  h = await createTestDb();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, done) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await h.close();
});

const message = {
  kind: "test.mail",
  to: "reader@example.com",
  subject: "Hello",
  text: "Open https://candor.test/x?token=SECRET123 now\n",
  html: '<a href="https://candor.test/x?token=SECRET123">Open</a>',
};

const failing: MailTransport = {
  kind: "smtp",
  send: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:2525")),
};

describe("sendMail", () => {
  it("without SMTP keeps the whole mail for the dev mailbox and prints it", async () => {
    const log = vi.spyOn(console, "info").mockImplementation(() => {});
    const res = await sendMail(h.db, { ...message, secrets: ["SECRET123"] }, { transport: devTransport });
    expect(res.status).toBe("stored");
    const row = await findMail(h.db, res.id);
    expect(row).toMatchObject({ transport: "dev", status: "stored", to: "reader@example.com", kind: "test.mail" });
    expect(row!.text).toContain("token=SECRET123");
    expect(res.id).toMatch(/^msg_/);
    expect(log.mock.calls.flat().join("\n")).toContain("token=SECRET123");
    log.mockRestore();
  });

  it("over SMTP delivers the mail and keeps no usable secret at rest", async () => {
    const transport = await createSmtpTransport(smtpUrl);
    const res = await sendMail(h.db, { ...message, to: "smtp-reader@example.com", secrets: ["SECRET123"] }, { transport });
    expect(res.status).toBe("sent");
    const got = received.find((m) => m.to.includes("smtp-reader@example.com"));
    expect(got?.raw).toContain("SECRET123");
    expect(got?.raw).toMatch(/Content-Type: text\/plain/i);
    expect(got?.raw).toMatch(/Content-Type: text\/html/i);
    const row = await findMail(h.db, res.id);
    expect(row).toMatchObject({ transport: "smtp", status: "sent" });
    expect(row!.sentAt).toBeInstanceOf(Date);
    expect(row!.text + row!.html).not.toContain("SECRET123");
    expect(row!.text).toContain("[redacted]");
  });

  it("records a failure without throwing and queues a retry for mail without secrets", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const retries: string[] = [];
    const res = await sendMail(h.db, { ...message, text: "no secret" }, { transport: failing, enqueueRetry: async (id) => void retries.push(id) });
    expect(res.status).toBe("failed");
    expect(res.error).toContain("ECONNREFUSED");
    expect(retries).toEqual([res.id]);

    const withSecret = await sendMail(h.db, { ...message, secrets: ["SECRET123"] }, { transport: failing, enqueueRetry: async (id) => void retries.push(id) });
    expect(withSecret.status).toBe("failed");
    expect(retries).toEqual([res.id]);
    errors.mockRestore();
  });
});

describe("mail.send queue", () => {
  it("delivers a queued mail once, and leaves it alone when the job runs again", async () => {
    const queued: string[] = [];
    const { id } = await queueMail(h.db, { ...message, text: "queued mail", to: "queued@example.com" }, {
      transport: { kind: "smtp", send: async () => ({}) },
      enqueueRetry: async (mailId) => void queued.push(mailId),
    });
    expect(queued).toEqual([id]);
    expect((await findMail(h.db, id))!.status).toBe("queued");

    const transport = await createSmtpTransport(smtpUrl);
    const before = received.length;
    await deliverQueuedMail(h.db, id, { transport });
    await deliverQueuedMail(h.db, id, { transport });
    expect(received.length).toBe(before + 1);
    expect((await findMail(h.db, id))!.status).toBe("sent");
  });

  it("throws on a failed retry so the queue backs off and tries again", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const { id } = await queueMail(h.db, { ...message, text: "retry me" }, { transport: failing, enqueueRetry: async () => {} });
    await expect(deliverQueuedMail(h.db, id, { transport: failing })).rejects.toThrow(/ECONNREFUSED/);
    expect((await findMail(h.db, id))!.status).toBe("failed");
    errors.mockRestore();
  });

  it("drops a job without a valid mail id instead of retrying it forever", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(handleMailSendJob(h.db, { mailId: "nope" })).resolves.toBeUndefined();
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });
});
