import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkWebhookDestination, forbiddenAddressReason, pinnedLookup, resolvePublicAddresses, type Resolver } from "./ssrf";
import { createHttpTransport, WebhookTransportError } from "./http";
import { startReceiver, type Receiver } from "@/tests/helpers/webhook-receiver";

const strict = { allowPrivate: false };
const fixed =
  (table: Record<string, string[]>): Resolver =>
  async (host) => {
    const found = table[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

describe("forbidden addresses", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["192.0.2.10", "documentation"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.200", "documentation"],
    ["198.18.0.1", "reserved"],
    ["240.0.0.1", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fc00::1", "unique local"],
    ["fd12:3456::1", "unique local"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "IPv4-mapped"],
    ["::ffff:8.8.8.8", "IPv4-mapped"],
    ["64:ff9b::808:808", "NAT64"],
    ["64:ff9b:1::1", "NAT64"],
    ["2002:7f00:1::", "6to4"],
    ["2001::1", "Teredo"],
    ["2001:db8::1", "documentation"],
    ["::7f00:1", "outside the global unicast range"],
  ])("refuses %s (%s)", (address, why) => {
    expect(forbiddenAddressReason(address)).toContain(why);
  });

  it.each(["8.8.8.8", "1.1.1.1", "151.101.1.69", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"])("allows public %s", (address) => {
    expect(forbiddenAddressReason(address)).toBeNull();
  });
});

describe("webhook URLs at registration", () => {
  it.each([
    ["http://127.0.0.1/hook", "loopback"],
    ["http://2130706433/hook", "loopback"], // decimal
    ["http://0177.0.0.1/hook", "loopback"], // octal
    ["http://0x7f.0.0.1/hook", "loopback"], // hex
    ["http://127.1/hook", "loopback"], // short form
    ["http://017700000001/", "loopback"], // octal as one number
    ["http://0/", "unspecified"],
    ["http://[::1]:8080/", "loopback"],
    ["http://[::ffff:7f00:1]/", "IPv4-mapped"],
    ["http://[::ffff:169.254.169.254]/", "IPv4-mapped"],
    ["https://169.254.169.254/latest/meta-data/", "link-local"],
  ])("refuses %s", async (url, why) => {
    expect(await checkWebhookDestination(url, strict)).toContain(why);
  });

  it.each([
    ["ftp://example.com/hook", "http"],
    ["file:///etc/passwd", "http"],
    ["javascript:alert(1)", "http"],
    ["gopher://example.com/", "http"],
    ["https://user:secret@example.com/hook", "credentials"],
    ["https://token@example.com/hook", "credentials"],
    ["not a url", "absolute"],
  ])("refuses the shape of %s", async (url, why) => {
    expect(await checkWebhookDestination(url, { allowPrivate: true })).toContain(why);
  });

  it("refuses a name that resolves to a private address, or to a private one among public ones", async () => {
    const resolve = fixed({ "internal.example.com": ["10.0.0.5"], "mixed.example.com": ["93.184.216.34", "127.0.0.1"] });
    expect(await checkWebhookDestination("https://internal.example.com/hook", { allowPrivate: false, resolve })).toMatch(
      /internal\.example\.com resolves to 10\.0\.0\.5, which is a private address/,
    );
    expect(await checkWebhookDestination("https://mixed.example.com/hook", { allowPrivate: false, resolve })).toContain("loopback");
  });

  it("accepts a public name, and private ones only when CANDOR_ALLOW_PRIVATE_WEBHOOKS lifts the guard", async () => {
    const resolve = fixed({ "hooks.example.com": ["93.184.216.34"], "localhost.example.com": ["127.0.0.1"] });
    expect(await checkWebhookDestination("https://hooks.example.com/hook", { allowPrivate: false, resolve })).toBeNull();
    expect(await checkWebhookDestination("http://localhost.example.com/hook", { allowPrivate: true, resolve })).toBeNull();
    expect(await checkWebhookDestination("http://127.0.0.1:9/hook", { allowPrivate: true })).toBeNull();
  });

  it("checks `localhost` through the system resolver", async () => {
    expect(await checkWebhookDestination("http://localhost:8080/hook", strict)).toContain("loopback");
  });
});

describe("connect-time check with the address pinned", () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver({ secrets: () => ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"] });
  });
  afterAll(async () => {
    await receiver.close();
  });

  it("refuses when the name resolves to a private address by the time of the connection (DNS rebinding)", async () => {
    let calls = 0;
    const rebinding: Resolver = async () => [{ address: calls++ === 0 ? "93.184.216.34" : "127.0.0.1", family: 4 }];
    const policy = { allowPrivate: false, resolve: rebinding };
    expect(await checkWebhookDestination(`http://rebind.example.com:${receiver.port}/hook`, policy)).toBeNull();
    const transport = createHttpTransport(policy);
    const attempt = transport({ url: `http://rebind.example.com:${receiver.port}/hook`, headers: {}, body: "{}", timeoutMs: 2000 });
    await expect(attempt).rejects.toBeInstanceOf(WebhookTransportError);
    await expect(attempt).rejects.toThrow(/loopback/);
    expect(receiver.received).toHaveLength(0);
    expect(receiver.rejected).toHaveLength(0);
  });

  it("refuses an IP literal without asking DNS", async () => {
    const transport = createHttpTransport(strict);
    await expect(transport({ url: `http://127.0.0.1:${receiver.port}/hook`, headers: {}, body: "{}", timeoutMs: 2000 })).rejects.toThrow(/loopback/);
    await expect(transport({ url: `http://[::ffff:7f00:1]:${receiver.port}/hook`, headers: {}, body: "{}", timeoutMs: 2000 })).rejects.toThrow(
      /IPv4-mapped/,
    );
    expect(receiver.rejected).toHaveLength(0);
  });

  it("connects to exactly the address it checked, keeping the name for the Host header", async () => {
    const resolve = fixed({ "hooks.customer.test": ["127.0.0.1"] });
    const lookup = pinnedLookup({ allowPrivate: true, resolve });
    const viaAll = await new Promise<unknown>((ok, fail) => lookup("hooks.customer.test", { all: true }, (err, a) => (err ? fail(err) : ok(a))));
    expect(viaAll).toEqual([{ address: "127.0.0.1", family: 4 }]);
    const transport = createHttpTransport({ allowPrivate: true, resolve });
    const res = await transport({ url: `http://hooks.customer.test:${receiver.port}/pinned`, headers: {}, body: "{}", timeoutMs: 2000 });
    // The receiver refuses unsigned requests, but it did receive this one on 127.0.0.1.
    expect(res.status).toBe(200);
    expect(receiver.rejected.at(-1)).toEqual({ path: "/pinned", reason: "no signature verified" });
    receiver.rejected.length = 0;
  });

  it("reports every forbidden address the resolver returns", async () => {
    await expect(resolvePublicAddresses("two.example.com", { allowPrivate: false, resolve: fixed({ "two.example.com": ["8.8.8.8", "192.168.0.2"] }) })).rejects.toThrow(
      /192\.168\.0\.2, which is a private address/,
    );
  });
});
