import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { outboundMail } from "@/lib/db/schema";
import { executeRows } from "@/lib/db/rows";
import { env, resetEnvCache } from "@/lib/core/env";
import { setApiRuntime } from "@/lib/api/runtime";
import { createWorkspace } from "@/lib/workspaces/service";
import { cliActor } from "@/lib/audit/service";
import { ensureDemoQuiz } from "@/lib/quizzes/seed";
import { createQuiz, setQuizArchived } from "@/lib/quizzes/service";
import { GET, POST } from "@/app/(public)/q/[workspace]/[quiz]/route";
import { quizPost } from "@/app/(public)/q/runtime";
import * as claimRoute from "@/app/(public)/q/[workspace]/[quiz]/claim/route";
import { getTraits, setTraits } from "@/lib/traits/service";
import { getConsentState } from "@/lib/consent/ledger";
import { upsertProfile } from "@/lib/profiles/service";

// The hosted runtime driven through its route handlers exactly as a browser without JavaScript would.
let h: DbHandle;
let glowId: string;
const base = "/q/glow-rt/routine";

beforeAll(async () => {
  h = await createTestDb();
  setApiRuntime({ handle: async () => h });
  glowId = (await createWorkspace(h.db, { name: "Glow", slug: "glow-rt" }, cliActor)).id;
  await ensureDemoQuiz(h.db, glowId, "glow");
  const acme = await createWorkspace(h.db, { name: "Acme", slug: "acme-rt" }, cliActor);
  await ensureDemoQuiz(h.db, acme.id, "acme");
});
afterAll(async () => {
  setApiRuntime(undefined);
  await h.close();
});

const params = (workspace = "glow-rt", quiz = "routine") => ({ params: Promise.resolve({ workspace, quiz }) });
const url = (path: string) => `${env().APP_URL}${path}`;

async function get(path: string, headers: Record<string, string> = {}) {
  const [, , ws, quiz] = path.split("?")[0]!.split("/");
  const res = await GET(new Request(url(path), { headers }), params(ws, quiz));
  return { res, html: await res.text() };
}

async function post(fields: [string, string][], headers: Record<string, string> = {}, path = base) {
  const [, , ws, quiz] = path.split("/");
  const body = new URLSearchParams(fields).toString();
  return POST(new Request(url(path), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body }), params(ws, quiz));
}

const location = (res: Response) => res.headers.get("location")!.replace(env().APP_URL, "");
const tokenOf = (res: Response) => new URL(res.headers.get("location")!).searchParams.get("r")!;

async function startRun(extra: [string, string][] = [], headers: Record<string, string> = {}) {
  const res = await post([["action", "start"], ["lang", "en"], ...extra], headers);
  expect(res.status).toBe(303);
  return tokenOf(res);
}

describe("hosted quiz route", () => {
  it("serves a lean start page: server HTML, strict CSP, no framework script", async () => {
    const { res, html } = await get(`${base}?utm_source=newsletter&product=serum`, { "accept-language": "en" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(html).toContain("<h1>Find your routine</h1>");
    expect(html).toContain('name="p_utm_source" value="newsletter"');
    expect(html).toContain('name="p_product" value="serum"');
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.sort()).toEqual(["/candor-public.js", "/candor-quiz.js"]);
  });

  it("speaks the language of ?lang=, then Accept-Language", async () => {
    expect((await get(base, { "accept-language": "de-DE,de;q=0.9" })).html).toContain("Finde deine Pflegeroutine");
    expect((await get(`${base}?lang=en`, { "accept-language": "de" })).html).toContain("Find your routine");
    expect((await get(base, { "accept-language": "fr" })).html).toContain('<html lang="en">');
  });

  it("speaks a known person's language when the run starts for their profile", async () => {
    const { profile } = await upsertProfile(h.db, glowId, { email: "greta@example.com", locale: "de" }, { actor: cliActor, source: { kind: "api" } });
    const req = new Request(url(base), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": "en" }, body: "action=start" });
    const res = await quizPost(req, { workspace: "glow-rt", quiz: "routine", mode: "embed", basePath: base, profileId: profile.id });
    expect(res.headers.get("location")).toContain("lang=de");
    expect((await get(location(res))).html).toContain("Welcher Hauttyp bist du?");
  });

  it("starts a run with a resume cookie and carries UTM and hidden fields into it", async () => {
    const res = await post([["action", "start"], ["p_utm_source", "newsletter"], ["p_product", "serum"], ["p_ignored", "x"]], { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0)" });
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toMatch(/^candor_quiz_quz_[a-z0-9]+=[\w-]+; Path=\/q\/glow-rt\/routine; Max-Age=2592000; HttpOnly; SameSite=Lax/);
    const [row] = await executeRows<{ hidden: unknown; context: { utm: unknown; device: string } }>(
      h.db,
      sql`select hidden, context from quiz_responses where workspace_id = ${glowId} order by started_at desc limit 1`,
    );
    expect(row).toMatchObject({ hidden: { product: "serum" }, context: { utm: { utm_source: "newsletter" }, device: "mobile" } });
    const { html } = await get(location(res));
    expect(html).toContain("What's your skin type?");
    expect(html).toMatch(/role="progressbar"[^>]*aria-valuetext="Question 1 of 7"/);
  });

  it("names the resume cookie __Secure- over https, and the same device resumes with it", async () => {
    const appUrl = process.env.APP_URL;
    process.env.APP_URL = "https://quiz.example";
    resetEnvCache();
    try {
      const res = await post([["action", "start"], ["lang", "en"]]);
      const cookie = res.headers.get("set-cookie")!;
      expect(cookie).toMatch(/^__Secure-candor_quiz_quz_[a-z0-9]+=[\w-]+; .*; Secure$/);
      const { html } = await get(base, { cookie: `${cookie.split(";")[0]}` });
      expect(html).toContain("data-quiz-resume");
      // Without the prefix (a cookie a plain-http page or a sibling subdomain could have planted) it is not trusted.
      const planted = cookie.split(";")[0]!.replace("__Secure-", "");
      expect((await get(base, { cookie: planted })).html).not.toContain("data-quiz-resume");
    } finally {
      if (appUrl === undefined) delete process.env.APP_URL;
      else process.env.APP_URL = appUrl;
      resetEnvCache();
    }
  });

  it("refuses an option that is not offered with the question shown again, and stores nothing", async () => {
    const token = await startRun();
    const res = await post([["r", token], ["lang", "en"], ["q", "skin_type"], ["a", "glitter"]]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain("Choose one of the options shown.");
    const stored = async () => (await executeRows<{ answers: unknown }>(h.db, sql`select answers from quiz_responses where revision > 0 and answers::text like '%glitter%'`)).length;
    expect(await stored()).toBe(0);
    await post([["r", token], ["q", "skin_type"], ["a", "dry"]]);
    const empty = await post([["r", token], ["q", "concerns"]]);
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("This question needs an answer.");
    // A question further down is not answerable yet: the person is sent to the right one.
    const ahead = await post([["r", token], ["q", "budget"], ["a", "low"]]);
    expect(location(ahead)).toBe(`${base}?r=${token}&lang=en&note=offpath`);
  });

  it("walks to the next question, lets people go back, and completes on the last answer", async () => {
    const token = await startRun();
    const step = async (q: string, ...a: string[]) => {
      const res = await post([["r", token], ["lang", "en"], ["q", q], ...a.map((v) => ["a", v] as [string, string])]);
      expect(res.status).toBe(303);
      return location(res);
    };
    expect(await step("skin_type", "dry")).toBe(`${base}?r=${token}&q=concerns&lang=en`);
    await step("concerns", "acne", "redness");
    const concerns = await get(`${base}?r=${token}&q=concerns`);
    expect(concerns.html).toMatch(/value="acne" checked/);
    expect(concerns.html).toContain(`href="${base}?r=${token}&amp;q=skin_type&amp;lang=en"`);
    await step("sensitive", "no");
    await step("budget", "mid");
    const skip = await post([["r", token], ["q", "minutes"], ["skip", "1"]]);
    expect(location(skip)).toContain("q=email");
    const email = await get(`${base}?r=${token}`);
    expect(email.html).toContain('type="checkbox" name="optin" value="1"');
    expect(email.html).not.toMatch(/name="optin" value="1" checked/);
    expect(email.html).toContain("We use what you tell us");
    const done = await post([["r", token], ["q", "email"], ["a", "reader@example.com"]]);
    expect(location(done)).toBe(`${base}?r=${token}&lang=en`);
    const result = await get(location(done));
    expect(result.html).toContain("Your routine is ready");
    expect(result.html).toContain("What you told us");
    expect(result.html).toMatch(/<dt>What's your skin type\?<\/dt><dd>Dry<\/dd>/);
    expect(result.html).not.toContain("reader@example.com");
  });

  it("keeps answers given with someone else's email apart until that address's owner confirms by mail", async () => {
    const { profile: owner } = await upsertProfile(h.db, glowId, { email: "owner@example.com" }, { actor: cliActor, source: { kind: "api" } });
    await setTraits(h.db, glowId, owner.id, { skin_type: "oily" }, { kind: "api" });
    const token = await startRun();
    for (const [q, a] of [["skin_type", "dry"], ["concerns", "acne"], ["sensitive", "no"], ["budget", "mid"]] as const) await post([["r", token], ["q", q], ["a", a]]);
    await post([["r", token], ["q", "minutes"], ["skip", "1"]]);
    const done = await post([["r", token], ["q", "email"], ["a", "Owner@Example.com"]]);
    const result = await get(location(done));
    expect(result.html).toContain("This email address already has a profile with us");
    // Not "saved to your profile": they are not, until the owner confirms.
    expect(result.html).not.toContain("These answers are saved to your profile");
    const skinType = async () => (await getTraits(h.db, glowId, owner.id)).find((t) => t.key === "skin_type")?.value;
    expect(await skinType()).toBe("oily");

    const [mail] = await h.db.select().from(outboundMail).where(and(eq(outboundMail.workspaceId, glowId), eq(outboundMail.kind, "quiz.claim")));
    expect(mail?.to).toBe("owner@example.com");
    const link = new URL(/http\S+\/claim\?t=\S+/.exec(mail!.text)![0]);
    const claim = (method: "GET" | "POST", t: string) =>
      method === "GET"
        ? claimRoute.GET(new Request(url(`${base}/claim?t=${t}`)), params())
        : claimRoute.POST(new Request(url(`${base}/claim`), { method, headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ t }).toString() }), params());
    const t = link.searchParams.get("t")!;
    // Opening the link only asks (mail scanners follow links); a forged token is refused.
    const ask = await claim("GET", t);
    expect(await ask.text()).toContain("Add your answers to your profile?");
    expect(await skinType()).toBe("oily");
    expect((await claim("POST", t.slice(0, -2) + (t.endsWith("AA") ? "BB" : "AA"))).status).toBe(400);
    expect(await skinType()).toBe("oily");

    const confirmed = await claim("POST", t);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain("Your answers are in your profile");
    expect(await skinType()).toBe("dry");
    const consent = await getConsentState(h.db, glowId, owner.id);
    expect(consent.find((c) => c.purpose === "personalization")?.granted).toBe(true);
    // The link is spent, not broken: confirming again changes nothing and says it is done.
    expect(await (await claim("POST", t)).text()).toContain("Your answers are in your profile");
  });

  it("sends a link to continue on another device", async () => {
    const token = await startRun();
    await post([["r", token], ["q", "skin_type"], ["a", "oily"]]);
    const res = await post([["r", token], ["action", "email_link"], ["email", "later@example.com"]]);
    expect(location(res)).toBe(`${base}?r=${token}&view=save&lang=en&sent=1`);
    const [mail] = await h.db.select().from(outboundMail).where(and(eq(outboundMail.workspaceId, glowId), eq(outboundMail.kind, "quiz.resume_link")));
    expect(mail?.to).toBe("later@example.com");
    expect(mail?.text).toContain(`${base}?r=`);
    const bad = await post([["r", token], ["action", "email_link"], ["email", "nope"]]);
    expect(bad.status).toBe(400);
    // On the other device the link lands on the next question.
    expect((await get(`${base}?r=${token}`)).html).toContain("What would you like to work on?");
  });

  it("shows the right question when an old link names one off the path", async () => {
    const token = await startRun();
    const { html } = await get(`${base}?r=${token}&q=budget`);
    expect(html).toContain("What's your skin type?");
    expect(html).toContain("We took you to the right one.");
  });

  it("answers 404 for unknown quizzes and tokens, 410 for ended quizzes", async () => {
    expect((await get("/q/glow-rt/nope")).res.status).toBe(404);
    // A quiz that was never published is not there for people, and cannot be started.
    await createQuiz(h.db, glowId, { name: "Draft", slug: "draft-only" }, cliActor);
    expect((await get("/q/glow-rt/draft-only")).res.status).toBe(404);
    expect((await post([["action", "start"]], {}, "/q/glow-rt/draft-only")).status).toBe(404);
    expect((await get("/q/nobody/routine")).res.status).toBe(404);
    expect((await get(`${base}?r=${"z".repeat(24)}`)).res.status).toBe(404);
    const acmeToken = tokenOf(await post([["action", "start"]], {}, "/q/acme-rt/welcome"));
    // A token of one quiz does not open another.
    expect((await get(`${base}?r=${acmeToken}`)).res.status).toBe(404);
    const token = await startRun();
    const quiz = (await executeRows<{ id: string }>(h.db, sql`select id from quizzes where workspace_id = ${glowId} and slug = 'routine'`))[0]!;
    await setQuizArchived(h.db, glowId, quiz.id, true, cliActor);
    try {
      expect((await get(base)).res.status).toBe(410);
      expect((await post([["r", token], ["q", "skin_type"], ["a", "dry"]])).status).toBe(410);
    } finally {
      await setQuizArchived(h.db, glowId, quiz.id, false, cliActor);
    }
  });
});
