import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { z } from "zod";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { apiOperations } from "@/lib/api/registry";
import type { AnyOperation } from "@/lib/api/operation";
import { cliActor } from "@/lib/audit/service";
import { createPreferenceLinks } from "@/lib/preferences/access";
import { resolvePublicQuiz, startRun } from "@/lib/quizzes/runs";
import { createWebhookEndpoint } from "@/lib/webhooks/service";
import { listSegments } from "@/lib/segments/service";
import { recordReliabilityFigure } from "@/bench/reliability-report";
import { rootJsonSchema } from "./support/schema";
import { contentType, formBody, headerValue, jsonBody, queryString, segment } from "./support/arbitraries";
import { startServer, type Started } from "./support/processes";
import { discoverFileRoutes, type FileRoute } from "./support/routes";
import { seedTenants, type Tenant } from "./support/tenants";

// Runs per route; RELIABILITY_FUZZ_RUNS raises it for a longer hunt.
const RUNS = Number(process.env.RELIABILITY_FUZZ_RUNS ?? 40);

let h: DbHandle & { url?: string };
let server: Started;
let glow: Tenant;
let acme: Tenant;
const valid: Record<string, string[]> = {};
const tally = { requests: 0, fiveXx: 0, examples: [] as string[] };

beforeAll(async () => {
  h = await createTestDb();
  ({ glow, acme } = await seedTenants(h.db));
  server = await startServer({ databaseUrl: h.url!, env: { CANDOR_API_RATE_LIMIT: "0" } });
  const created = await fetch(`${server.url}/api/v1/profiles`, {
    method: "POST",
    headers: { authorization: `Bearer ${glow.key}`, "content-type": "application/json" },
    body: JSON.stringify({ email: "fuzz@example.com", externalId: "fuzz-1" }),
  });
  const profileId = ((await created.json()) as { id: string }).id;
  const endpoint = await createWebhookEndpoint(h.db, glow.id, { url: "http://127.0.0.1:9/fuzz" }, cliActor, { policy: { allowPrivate: true } });
  const segments = await listSegments(h.db, glow.id);
  const links = await createPreferenceLinks(h.db, glow.id, profileId, {});
  const quiz = await resolvePublicQuiz(h.db, { workspaceSlug: "glow", quizSlug: "routine" });
  const run = await startRun(h.db, {
    workspaceId: glow.id,
    quizId: quiz.quiz.id,
    versionId: quiz.version.id,
    definition: quiz.version.definition,
    locale: "en",
    hidden: {},
    context: { channel: "hosted" },
  });
  const token = (url: string) => new URL(url).searchParams.get("t")!;
  Object.assign(valid, {
    "profiles.id": [profileId],
    "webhook-endpoints.id": [endpoint.id],
    "segments.id": segments.map((x) => x.id),
    step: ["welcome", "connect-data"],
    slug: ["routine", "welcome"],
    workspace: ["glow", "acme"],
    quiz: ["routine", "welcome"],
    profileId: [profileId],
    purpose: ["marketing", "personalization"],
    t: [token(links.preferenceCenterUrl), token(links.unsubscribeUrl)],
    r: [run.token],
    q: ["skin_type", "concerns", "email"],
    a: ["dry", "acne", "yes", "fuzz@example.com"],
    action: ["start", "email_link", "save", "pause", "resume", "unsubscribe_all", "grant", "withdraw", "delete", "export"],
    lang: ["en", "de"],
    nextauth: ["session", "csrf", "providers", "signin", "signout", "callback", "verify-request", "error"],
  });
});
afterAll(async () => {
  recordReliabilityFigure("fuzz", {
    bad: tally.fiveXx,
    total: tally.requests,
    detail: `${apiOperations.length} API operations and ${discoverFileRoutes().length} pages and handlers, ${RUNS} runs each${tally.examples.length ? `; first 5xx: ${tally.examples[0]}` : ""}`,
  });
  await server?.kill();
  await h?.close();
});

interface Req {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * 5xx the suite has found in another engineer's active area and reported, still open. Each is
 * counted in the figure `npm run bench` shows (so the target reads as missed) but does not fail
 * the run; delete the entry once the route is fixed.
 */
const knownIssues: { route: RegExp; method: string; why: string }[] = [];
const known = (r: Req) => knownIssues.find((k) => k.method === r.method && k.route.test(r.path.split("?")[0]!));

const describeReq = (r: Req) => `${r.method} ${r.path.slice(0, 300)} ${JSON.stringify(r.headers).slice(0, 300)} body=${JSON.stringify(r.body?.slice(0, 200))}`;

async function send(r: Req): Promise<{ status: number; type: string; text: string }> {
  const hasBody = r.body !== undefined && r.method !== "GET" && r.method !== "HEAD";
  const res = await fetch(server.url + r.path, {
    method: r.method,
    headers: r.headers,
    body: hasBody ? r.body : undefined,
    redirect: "manual",
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  tally.requests++;
  if (res.status >= 500) {
    tally.fiveXx++;
    const issue = known(r);
    tally.examples.push(issue ? `known, reported: ${issue.why}` : `${res.status} for ${describeReq(r).slice(0, 160)}`);
  }
  return { status: res.status, type: res.headers.get("content-type") ?? "", text };
}

/** The keys of an object schema, so bodies and queries use the names the route actually reads. */
function fieldsOf(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  try {
    return Object.keys(rootJsonSchema(schema).properties ?? {});
  } catch {
    return [];
  }
}

const authHeader = () =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(`Bearer ${glow.key}`) },
    { weight: 1, arbitrary: fc.constant(`Bearer ${acme.key}`) },
    { weight: 1, arbitrary: fc.constantFrom("", "Bearer", "Bearer ", "Bearer cnd_000000000000", "Basic Zm9vOmJhcg==", `bearer ${glow.key}`, `Bearer ${glow.key}x`) },
    { weight: 1, arbitrary: headerValue },
  );

function apiRequest(op: AnyOperation): fc.Arbitrary<Req> {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const resource = op.path.split("/")[3] ?? "";
  const path = fc.tuple(...names.map((n) => segment(valid[`${resource}.${n}`] ?? valid[n] ?? []))).map((values) => {
    let p: string = op.path;
    names.forEach((n, i) => (p = p.replace(`{${n}}`, values[i]!)));
    return p;
  });
  const method = fc.oneof({ weight: 8, arbitrary: fc.constant(op.method) }, { weight: 1, arbitrary: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS") });
  return fc
    .record({
      method,
      path,
      query: queryString(fieldsOf(op.query)),
      auth: authHeader(),
      type: contentType,
      body: jsonBody(fieldsOf(op.body), op.maxBodyBytes ?? 1024 * 1024),
      extra: fc.dictionary(fc.constantFrom("accept", "accept-language", "x-forwarded-for", "sec-gpc", "if-none-match", "origin"), headerValue, { maxKeys: 3 }),
    })
    .map((r) => ({
      method: r.method,
      path: r.path + r.query,
      headers: { ...r.extra, ...(r.auth ? { authorization: r.auth } : {}), ...(r.type ? { "content-type": r.type } : {}) },
      body: r.body,
    }));
}

function expectNoServerError(req: Req, res: { status: number }) {
  if (res.status >= 500 && known(req)) return;
  expect(res.status, `5xx for ${describeReq(req)}`).toBeLessThan(500);
}

describe("fuzzing every API operation of the registry (no 5xx; every error is problem+json)", () => {
  it.each(apiOperations.map((op) => [`${op.method} ${op.path}`, op] as const))("%s", async (_name, op) => {
    await fc.assert(
      fc.asyncProperty(apiRequest(op), async (req) => {
        const res = await send(req);
        expectNoServerError(req, res);
        if (res.status >= 400 && req.method !== "HEAD") {
          expect(res.type, `error without problem+json: ${res.status} ${describeReq(req)}`).toMatch(/^application\/problem\+json/);
          const problem = JSON.parse(res.text) as { status: unknown; title: unknown; code: unknown; detail: unknown };
          expect(problem.status, describeReq(req)).toBe(res.status);
          expect(typeof problem.title === "string" && typeof problem.code === "string" && typeof problem.detail === "string", describeReq(req)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

const queryNames = ["t", "s", "lang", "r", "q", "view", "sent", "note", "token", "callbackUrl", "error", "email", "utm_source", "ref", "p", "page", "cursor"];
const formFields = ["action", "r", "q", "a", "skip", "optin", "email", "lang", "t", "notice", "notice_marketing", "List-Unsubscribe", "topic", "channel", "status", "frequency", "until", "pause", "confirm", "csrfToken"];

function fileRouteRequest(route: FileRoute): fc.Arbitrary<Req> {
  const parts = route.pattern.split("/").filter(Boolean);
  const segments = fc.tuple(
    ...parts.map((p) => {
      const param = /^\[\[?(\.\.\.)?(\w+)\]?\]$/.exec(p);
      if (!param) return fc.constant(p);
      const arb = segment(valid[param[2]!] ?? []);
      return param[1] ? fc.array(arb, { minLength: p.startsWith("[[") ? 0 : 1, maxLength: 3 }).map((s) => s.join("/")) : arb;
    }),
  );
  // The methods the route serves: Next's own answer to others (a bare 405) is not a route's behaviour.
  const method = fc.constantFrom(...(route.methods.length ? route.methods : ["GET"]));
  return fc
    .record({
      method,
      segments,
      query: queryString(queryNames, valid.t),
      type: fc.oneof({ weight: 4, arbitrary: fc.constant("application/x-www-form-urlencoded") }, { weight: 2, arbitrary: contentType }),
      body: formBody(formFields, valid),
      cookie: fc.oneof(fc.constant(""), fc.tuple(fc.constantFrom("candor_quiz_x", "authjs.session-token", "authjs.csrf-token", "__Host-authjs.csrf-token"), headerValue).map(([k, v]) => `${k}=${v}`)),
      extra: fc.dictionary(fc.constantFrom("accept-language", "sec-gpc", "referer", "origin", "x-forwarded-for", "next-action", "rsc"), headerValue, { maxKeys: 3 }),
    })
    .map((r) => ({
      method: r.method,
      path: `/${r.segments.filter(Boolean).join("/")}${r.query}`,
      headers: { ...r.extra, "content-type": r.type, ...(r.cookie ? { cookie: r.cookie } : {}) },
      body: r.body,
    }));
}

describe("fuzzing every page and route handler under app/ (no 5xx; errors are readable pages or form errors)", () => {
  it.each(discoverFileRoutes().map((route) => [`${route.methods.join("|")} ${route.pattern} (${route.kind})`, route] as const))("%s", async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(fileRouteRequest(route), async (req) => {
        const res = await send(req);
        expectNoServerError(req, res);
        if (res.status >= 400 && res.status < 500 && req.method !== "HEAD" && route.kind !== "auth") {
          // Judge by where the request really went: a client resolves `..` before sending.
          const api = new URL(server.url + req.path).pathname.startsWith("/api/");
          const acceptable = api ? /^application\/problem\+json/ : /^(text\/html|text\/plain|application\/problem\+json)/;
          expect(res.type, `unreadable error: ${res.status} ${describeReq(req)}`).toMatch(acceptable);
          expect(res.text.trim().length, `empty error body: ${res.status} ${describeReq(req)}`).toBeGreaterThan(0);
        }
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it("found the surfaces it is meant to cover", () => {
    const kinds = new Set(discoverFileRoutes().map((r) => r.kind));
    for (const kind of ["public", "admin", "auth", "api"] as const) expect(kinds, kind).toContain(kind);
  });
});
