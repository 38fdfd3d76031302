import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { cliActor } from "@/lib/audit/service";
import { createApiKey } from "@/lib/auth/api-keys";
import { createPreferenceLinks } from "@/lib/preferences/access";
import { setAllowedOrigins } from "@/lib/embed/service";
import { startServer, type Started } from "./support/processes";
import { discoverFileRoutes, type RouteKind } from "./support/routes";
import { seedTenants, type Tenant } from "./support/tenants";

// OWASP ASVS 5.0 §3.3 (cookie setup), §3.4 (browser security headers) and §3.5 (origin
// separation), checked on each kind of route of the production build as it is deployed: behind
// HTTPS (APP_URL https), one proxy hop, and the API's per-key rate limit.
const RATE_LIMIT = 5;
const evil = "https://evil.example";
const shop = "https://shop.example";

let h: DbHandle & { url?: string };
let server: Started;
let glow: Tenant;
let centerToken = "";
let unsubscribeToken = "";

beforeAll(async () => {
  h = await createTestDb();
  ({ glow } = await seedTenants(h.db));
  server = await startServer({
    databaseUrl: h.url!,
    env: { APP_URL: "https://candor.example", CANDOR_API_RATE_LIMIT: String(RATE_LIMIT), CANDOR_TRUSTED_PROXY_HOPS: "1" },
  });
  const res = await fetch(`${server.url}/api/v1/profiles`, {
    method: "POST",
    headers: { authorization: `Bearer ${glow.key}`, "content-type": "application/json" },
    body: JSON.stringify({ email: "headers@example.com" }),
  });
  const { id } = (await res.json()) as { id: string };
  const links = await createPreferenceLinks(h.db, glow.id, id, {});
  centerToken = new URL(links.preferenceCenterUrl).searchParams.get("t")!;
  unsubscribeToken = new URL(links.unsubscribeUrl).searchParams.get("t")!;
  await setAllowedOrigins(h.db, { workspaceId: glow.id, origins: shop }, cliActor);
});
afterAll(async () => {
  await server?.kill();
  await h?.close();
});

interface Probe {
  kind: RouteKind;
  path: string;
  init?: RequestInit;
  /** An HTML document (CSP, framing) rather than data. */
  document: boolean;
}

function probes(): Probe[] {
  const list: Probe[] = [
    { kind: "admin", path: "/signin", document: true },
    { kind: "admin", path: "/w/glow", document: true },
    // Next's own 404 page for a path nothing serves.
    { kind: "admin", path: "/no-such-page", document: true },
    { kind: "public", path: "/q/glow/routine", document: true },
    { kind: "public", path: `/p/glow?t=${encodeURIComponent(centerToken)}`, document: true },
    { kind: "public", path: `/p/glow/unsubscribe?t=${encodeURIComponent(unsubscribeToken)}`, document: true },
    { kind: "public", path: "/q/glow/no-such-quiz", document: true },
    { kind: "public", path: "/q/%ZZ/routine", document: true },
    { kind: "api", path: "/api/v1/workspace", document: false },
    { kind: "api", path: "/api/v1/profiles/prf_nope", document: false },
    { kind: "api", path: "/api/v1/openapi.json", document: false },
    { kind: "api", path: "/api/health", document: false },
    { kind: "auth", path: "/api/auth/csrf", document: false },
  ];
  // Every embed route, its segments filled in: new ones are checked as soon as they exist.
  for (const r of discoverFileRoutes().filter((x) => x.kind === "embed")) {
    const path = r.pattern.replace("[workspace]", "glow").replace("[quiz]", "routine").replace(/\/\[\[\.\.\.\w+\]\]$/, "");
    list.push({ kind: "embed", path: path.endsWith(".js") ? path : `${path}?origin=${encodeURIComponent(shop)}`, document: !path.endsWith(".js") });
  }
  return list;
}

async function get(p: Probe, key = glow.key) {
  return fetch(server.url + p.path, { redirect: "manual", headers: { authorization: `Bearer ${key}`, origin: evil, ...p.init?.headers }, ...p.init });
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

describe("ASVS 5.0 §3.4 — security headers on every kind of route", () => {
  it.each(probes().map((p) => [`${p.kind} ${p.path.slice(0, 60)}`, p] as const))("%s", async (_name, p) => {
    // A fresh key per probe: the per-key rate limit is tested on its own below.
    const { plaintext } = await createApiKey(h.db, { workspaceId: glow.id, name: "probe", scopes: ["*"] }, cliActor);
    const res = await get(p, plaintext);
    await res.arrayBuffer();
    const header = (name: string) => res.headers.get(name) ?? "";
    // 3.4.1 HSTS for at least a year, subdomains included.
    const hsts = /max-age=(\d+)/.exec(header("strict-transport-security"));
    expect(Number(hsts?.[1] ?? 0), "HSTS max-age").toBeGreaterThanOrEqual(31_536_000);
    expect(header("strict-transport-security")).toMatch(/includeSubDomains/i);
    // 3.4.4 nosniff everywhere; 3.4.5 a referrer policy that keeps paths and tokens on this site.
    expect(header("x-content-type-options")).toBe("nosniff");
    expect(["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"]).toContain(header("referrer-policy"));
    // 3.4.2 CORS: never an arbitrary origin reflected, never a wildcard with credentials.
    expect(header("access-control-allow-origin")).not.toBe(evil);
    if (header("access-control-allow-origin") === "*") expect(header("access-control-allow-credentials")).not.toBe("true");
    if (p.document) {
      // 3.4.3 a CSP with object-src 'none' and base-uri 'none' and no wildcard script source.
      const csp = directives(header("content-security-policy"));
      expect(csp.get("object-src"), "object-src").toEqual(["'none'"]);
      expect(csp.get("base-uri"), "base-uri").toEqual(["'none'"]);
      expect(csp.get("script-src") ?? csp.get("default-src") ?? ["*"]).not.toContain("*");
      // 3.4.6 framing: nobody may frame admin or hosted pages; embeds only the brand's own origins.
      const ancestors = csp.get("frame-ancestors");
      expect(ancestors, "frame-ancestors").toBeDefined();
      if (p.kind === "embed") expect(ancestors).not.toContain("*");
      else expect(ancestors).toEqual(["'none'"]);
    }
  });
});

function parseCookie(line: string) {
  const [pair = "", ...attrs] = line.split(";").map((s) => s.trim());
  const name = pair.split("=")[0]!;
  const flags = new Map(attrs.map((a) => [a.split("=")[0]!.toLowerCase(), a.split("=").slice(1).join("=")]));
  return { name, flags };
}

describe("ASVS 5.0 §3.3 — cookies", () => {
  it("every cookie the app sets is Secure, HttpOnly, SameSite and scoped; site-wide ones carry a __Host-/__Secure- name", async () => {
    const cookies: string[] = [];
    const csrf = await fetch(`${server.url}/api/auth/csrf`);
    await csrf.arrayBuffer();
    cookies.push(...csrf.headers.getSetCookie());
    const start = await fetch(`${server.url}/q/glow/routine`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "action=start",
      redirect: "manual",
    });
    await start.arrayBuffer();
    expect(start.status).toBe(303);
    cookies.push(...start.headers.getSetCookie());
    expect(cookies.length).toBeGreaterThanOrEqual(2);
    for (const line of cookies) {
      const { name, flags } = parseCookie(line);
      expect(flags.has("secure"), `${name} Secure`).toBe(true); // 3.3.1
      expect(["lax", "strict"], `${name} SameSite`).toContain((flags.get("samesite") ?? "").toLowerCase()); // 3.3.2
      expect(flags.has("httponly"), `${name} HttpOnly`).toBe(true); // 3.3.4
      expect(flags.has("domain"), `${name} has no Domain`).toBe(false);
      expect(line.length, `${name} under 4 KB`).toBeLessThan(4096); // 3.3.5
      // 3.3.3: __Host- for cookies of the whole site; a path-scoped cookie keeps its narrow Path.
      if (flags.get("path") === "/") expect(name, `${name} prefix`).toMatch(/^__(Host|Secure)-/);
      else expect(flags.get("path"), `${name} path`).toMatch(/^\/q\//);
    }
  });

  it("a one-click unsubscribe answers 200 without setting any cookie (RFC 8058, §3.5 state change by POST only)", async () => {
    const res = await fetch(`${server.url}/p/glow/unsubscribe?t=${encodeURIComponent(unsubscribeToken)}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
      redirect: "manual",
    });
    await res.arrayBuffer();
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});

describe("ASVS 5.0 §3.5 — origin separation", () => {
  it("the API takes credentials only from the Authorization header, so a cross-site form post cannot use a session", async () => {
    const res = await fetch(`${server.url}/api/v1/profiles`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: evil, cookie: "__Secure-authjs.session-token=anything" },
      body: "email=csrf@example.com",
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("a GET never changes state: the one-click link only shows a confirmation", async () => {
    const before = await fetch(`${server.url}/api/v1/events?type=preferences.updated`, { headers: { authorization: `Bearer ${glow.key}` } }).then((r) => r.text());
    const res = await fetch(`${server.url}/p/glow/unsubscribe?t=${encodeURIComponent(unsubscribeToken)}`, { redirect: "manual" });
    await res.arrayBuffer();
    expect(res.status).toBe(200);
    const after = await fetch(`${server.url}/api/v1/events?type=preferences.updated`, { headers: { authorization: `Bearer ${glow.key}` } }).then((r) => r.text());
    expect(after).toBe(before);
  });
});

describe("rate limits", () => {
  it(`an API key gets ${RATE_LIMIT} requests a minute, then 429 problem+json with Retry-After, whatever X-Forwarded-For says`, async () => {
    const { plaintext } = await createApiKey(h.db, { workspaceId: glow.id, name: "limited", scopes: ["*"] }, cliActor);
    const statuses: number[] = [];
    let limited: Response | null = null;
    for (let i = 0; i < RATE_LIMIT + 2; i++) {
      const res = await fetch(`${server.url}/api/v1/workspace`, { headers: { authorization: `Bearer ${plaintext}`, "x-forwarded-for": `198.51.100.${i}` } });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
      else await res.arrayBuffer();
    }
    expect(statuses).toEqual([...Array(RATE_LIMIT).fill(200), 429, 429]);
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited!.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(((await limited!.json()) as { code: string }).code).toBe("rate_limited");
  });

  it("link requests per address count the hop our proxy appended, not what the client wrote before it", async () => {
    const post = (i: number, forwarded: string) =>
      fetch(`${server.url}/p/glow`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": forwarded },
        body: `action=request_link&email=${encodeURIComponent(`someone-${i}@example.com`)}`,
        redirect: "manual",
      });
    // 20 per address in 10 minutes: a client varying the left-hand entries is still one address.
    const statuses: number[] = [];
    let limited: Response | null = null;
    for (let i = 0; i < 22; i++) {
      const res = await post(i, `10.0.${i}.1, 203.0.113.9`);
      statuses.push(res.status);
      if (res.status === 429) limited = res;
      else await res.arrayBuffer();
    }
    expect(statuses.slice(0, 20).every((s) => s === 303)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    expect(limited!.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await limited!.text()).toMatch(/<form/);
    // Another address (the hop our proxy saw) still gets through.
    expect((await post(99, "10.0.0.1, 203.0.113.10")).status).toBe(303);
  });
});
