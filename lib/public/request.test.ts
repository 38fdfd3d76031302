import { describe, expect, it } from "vitest";
import { clientAddress, formToObject, hasGpc, readForm, readFormOrRefusal, truncateIp } from "./request";

describe("public request helpers", () => {
  it("reads Sec-GPC", () => {
    expect(hasGpc(new Request("http://x/", { headers: { "sec-gpc": "1" } }))).toBe(true);
    expect(hasGpc(new Request("http://x/", { headers: { "sec-gpc": "0" } }))).toBe(false);
    expect(hasGpc(new Request("http://x/"))).toBe(false);
  });

  it("truncates addresses to their network", () => {
    expect(truncateIp("203.0.113.77")).toBe("203.0.113.0");
    expect(truncateIp("2001:db8:85a3:8d3:1319:8a2e:370:7348")).toBe("2001:db8:85a3::");
    expect(truncateIp(null)).toBeNull();
  });

  it("trusts only the X-Forwarded-For entries our own proxies appended", () => {
    const req = new Request("http://x/", { headers: { "x-forwarded-for": "6.6.6.6, 1.2.3.4, ::ffff:10.0.0.9" } });
    // One proxy of ours: the address it saw; two: the one before it. None: nothing is trustworthy.
    expect(clientAddress(req, 1)).toBe("10.0.0.9");
    expect(clientAddress(req, 2)).toBe("1.2.3.4");
    expect(clientAddress(req, 0)).toBeNull();
    expect(clientAddress(req, 5)).toBeNull();
    // The default is 0 hops: with no proxy configured, a client-chosen header is neither a rate-limit key nor consent evidence.
    expect(clientAddress(req)).toBeNull();
  });

  it("reads urlencoded and multipart forms, refusing other bodies", async () => {
    const urlencoded = new Request("http://x/", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "a=1&b=2&b=3",
    });
    expect(formToObject(await readForm(urlencoded))).toEqual({ a: "1", b: ["2", "3"] });
    const fd = new FormData();
    fd.set("List-Unsubscribe", "One-Click");
    const multipart = new Request("http://x/", { method: "POST", body: fd });
    expect(formToObject(await readForm(multipart))).toEqual({ "List-Unsubscribe": "One-Click" });
    const json = new Request("http://x/", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    await expect(readForm(json)).rejects.toMatchObject({ code: "unsupported_media_type" });
  });

  it("answers a body that is not a form with a plain 4xx instead of throwing", async () => {
    const json = new Request("http://x/", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    const refusal = await readFormOrRefusal(json);
    expect(refusal).toBeInstanceOf(Response);
    expect((refusal as Response).status).toBe(415);
    const ok = new Request("http://x/", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "a=1" });
    expect(await readFormOrRefusal(ok)).toEqual({ a: "1" });
  });

  it("refuses a multipart body without its boundary, an unparsable one and an oversized stream with a 4xx", async () => {
    const post = (type: string, body: BodyInit, headers: Record<string, string> = {}) =>
      readFormOrRefusal(new Request("http://x/", { method: "POST", headers: { "content-type": type, ...headers }, body, duplex: "half" } as RequestInit));
    const noBoundary = (await post("multipart/form-data", "a=1")) as Response;
    expect(noBoundary.status).toBe(400);
    expect(await noBoundary.text()).toContain("boundary");
    expect(((await post("multipart/form-data; boundary=xyz", "a=1")) as Response).status).toBe(400);
    // No Content-Length to go by: the reader stops at the limit instead of buffering everything.
    const chunk = new TextEncoder().encode("a=" + "x".repeat(16 * 1024));
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent++;
        controller.enqueue(chunk);
      },
    });
    expect(((await post("application/x-www-form-urlencoded", endless)) as Response).status).toBe(413);
    expect(sent).toBeLessThan(10);
    const quoted = await post('multipart/form-data; boundary="b 1"', '--b 1\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b 1--\r\n');
    expect(quoted).toEqual({ a: "1" });
  });
});
