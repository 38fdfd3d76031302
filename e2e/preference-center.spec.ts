import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { signIn, uniqueEmail } from "./support/auth";
import { expectAccessible as axeCheck } from "./support/axe";
import { linkIn, waitForMail } from "./support/mail";

// The hosted preference center of the seeded `acme` workspace, used the way people use it:
// with JavaScript off, from links an ESP puts in its mail, in English and German.

let apiKey = "";
let base = "";

/** An API key for acme, created the way an admin does it (the dashboard needs JavaScript). */
async function createApiKey(browser: Browser): Promise<string> {
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();
  await signIn(page, "demo@candor.test");
  await page.goto("/w/acme/settings/api-keys");
  await page.getByRole("button", { name: "Create API key" }).click();
  await page.getByLabel("Name").fill(`preferences-e2e-${Date.now().toString(36)}`);
  await page.getByRole("checkbox", { name: /full access/ }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByRole("textbox", { name: "New API key" }).inputValue();
  await context.close();
  return key;
}

let auditor: Page | undefined;

/**
 * axe needs JavaScript, and these pages are browsed without it (and some are answers to a POST),
 * so the exact HTML the person got is audited in a second, scripted page.
 */
async function expectAccessible(page: Page, context: string): Promise<void> {
  if (!auditor) throw new Error("no auditor page");
  await auditor.setContent(await page.content(), { waitUntil: "domcontentloaded" });
  await axeCheck(auditor, `${context} (${page.url()})`);
}

const auth = () => ({ authorization: `Bearer ${apiKey}` });

async function newProfile(request: APIRequestContext, label: string, locale?: string) {
  const email = uniqueEmail(label);
  const res = await request.post("/api/v1/profiles", { headers: auth(), data: { email, ...(locale ? { locale } : {}) } });
  expect(res.status()).toBe(200);
  const { id } = (await res.json()) as { id: string };
  return { id, email };
}

async function links(request: APIRequestContext, id: string, body: Record<string, unknown> = {}) {
  const res = await request.post(`/api/v1/profiles/${id}/links`, { headers: auth(), data: body });
  expect(res.status()).toBe(200);
  return (await res.json()) as { preferenceCenterUrl: string; unsubscribeUrl: string; headers: Record<string, string> };
}

type Prefs = { unsubscribedAll: boolean; pausedUntil: string | null; topics: { key: string; channels: Record<string, { status: string; frequency: string }> }[] };
async function preferences(request: APIRequestContext, id: string): Promise<Prefs> {
  const res = await request.get(`/api/v1/profiles/${id}/preferences`, { headers: auth() });
  expect(res.status()).toBe(200);
  return (await res.json()) as Prefs;
}
const channel = (p: Prefs, topic: string, name: string) => p.topics.find((t) => t.key === topic)!.channels[name]!;

async function preferenceEvents(request: APIRequestContext, id: string): Promise<number> {
  const res = await request.get("/api/v1/events?type=preferences.updated&limit=200", { headers: auth() });
  const { data } = (await res.json()) as { data: { subjectId: string }[] };
  return data.filter((e) => e.subjectId === id).length;
}

/** Only Candor's own small script may load on a public page: no framework runtime. */
function watchScripts(page: Page): string[] {
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
  });
  return scripts;
}

test.beforeAll(async ({ browser }) => {
  apiKey = await createApiKey(browser);
  auditor = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
});
test.afterAll(async () => {
  await auditor?.context().close();
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("a person makes every kind of change in the preference center", async ({ page, request }) => {
    test.setTimeout(240_000);
    const { id, email } = await newProfile(request, "center");
    const { preferenceCenterUrl } = await links(request, id);
    base = new URL(preferenceCenterUrl).origin;
    await page.goto(preferenceCenterUrl);
    await expect(page.getByRole("heading", { level: 1, name: "Your preferences" })).toBeVisible();
    await expectAccessible(page, "preference center");

    // Topics × channels and frequency, saved with one plain form post.
    const updates = page.getByRole("group", { name: "Product updates" });
    await updates.getByRole("checkbox", { name: "Email" }).check();
    await updates.getByLabel("How often (Email)").selectOption("monthly");
    await page.getByRole("group", { name: "Sales outreach" }).getByRole("checkbox", { name: "Email" }).uncheck();
    await page.getByRole("button", { name: "Save preferences" }).click();
    await expect(page.getByRole("status")).toContainText("Your preferences are saved.");
    await expectAccessible(page, "after saving");
    let prefs = await preferences(request, id);
    expect(channel(prefs, "product-updates", "email")).toEqual({ status: "subscribed", frequency: "monthly" });
    expect(channel(prefs, "sales-outreach", "email").status).toBe("unsubscribed");
    expect(await preferenceEvents(request, id)).toBe(1);

    // Double opt-in: the newsletter waits for the mailed confirmation, which a GET never gives.
    await page.getByRole("group", { name: "Newsletter" }).getByRole("checkbox", { name: "Email" }).check();
    await page.getByRole("button", { name: "Save preferences" }).click();
    await expect(page.getByRole("status")).toContainText("Almost done");
    await expect(page.getByText("Waiting for your confirmation")).toBeVisible();
    expect(channel(await preferences(request, id), "newsletter", "email").status).toBe("pending");
    const confirmation = await waitForMail(email, /Confirm your subscription/);
    await page.goto(linkIn(confirmation, `${base}/p/acme/confirm?t=`));
    await expectAccessible(page, "double opt-in confirm");
    expect(channel(await preferences(request, id), "newsletter", "email").status).toBe("pending");
    await page.getByRole("button", { name: "Confirm subscription" }).click();
    await expect(page.getByRole("heading", { name: "Subscription confirmed" })).toBeVisible();
    await expectAccessible(page, "double opt-in confirmed");
    expect(channel(await preferences(request, id), "newsletter", "email").status).toBe("subscribed");

    // Pause for a week, resume, then pause until a date.
    await page.goto(preferenceCenterUrl);
    await page.getByLabel("For a week").check();
    await page.getByRole("button", { name: "Pause messages" }).click();
    await expect(page.getByRole("status")).toContainText("Messages are paused.");
    prefs = await preferences(request, id);
    expect(Date.parse(prefs.pausedUntil!) - Date.now()).toBeGreaterThan(6 * 86_400_000);
    await page.getByRole("button", { name: "Resume now" }).click();
    expect((await preferences(request, id)).pausedUntil).toBeNull();
    const until = new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("Until a date").check();
    await page.getByLabel("Date", { exact: true }).fill(until);
    await page.getByRole("button", { name: "Pause messages" }).click();
    expect((await preferences(request, id)).pausedUntil).toBe(`${until}T00:00:00.000Z`);
    // Today has begun already: the browser allows it (min=today), the server refuses it with the field named.
    await page.getByLabel("Until a date").check();
    await page.getByLabel("Date", { exact: true }).fill(new Date().toISOString().slice(0, 10));
    await page.getByRole("button", { name: "Pause messages" }).click();
    await expect(page.getByRole("alert")).toContainText("Choose a date in the future.");
    await expectAccessible(page, "pause error");
    expect((await preferences(request, id)).pausedUntil).toBe(`${until}T00:00:00.000Z`);

    // Unsubscribe from everything in one click, and back.
    await page.goto(preferenceCenterUrl);
    await page.getByRole("button", { name: "Unsubscribe from everything" }).click();
    await expect(page.getByRole("status")).toContainText("You are unsubscribed from everything.");
    expect((await preferences(request, id)).unsubscribedAll).toBe(true);
    const canSend = await request.get(`/api/v1/profiles/${id}/can-send?topic=product-updates&channel=email`, { headers: auth() });
    expect(await canSend.json()).toEqual({ allowed: false, reason: "unsubscribed_all" });
    await page.getByRole("button", { name: "Resubscribe" }).click();
    expect((await preferences(request, id)).unsubscribedAll).toBe(false);

    // Consent purposes with their notice text.
    const analytics = page.locator("form.purpose", { has: page.getByRole("heading", { name: "Analytics" }) });
    await expect(analytics).toContainText("We measure how our site");
    await analytics.getByRole("button", { name: /Allow/ }).click();
    await expect(page.getByRole("status")).toContainText("Your choice is saved.");
    const consents = await request.get(`/api/v1/profiles/${id}/consents`, { headers: auth() });
    const { current } = (await consents.json()) as { current: { purpose: string; granted: boolean | null }[] };
    expect(current.find((c) => c.purpose === "analytics")!.granted).toBe(true);

    // What we know, export and deletion are one link away.
    await page.getByRole("link", { name: "What we know about you" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "What we know about you" })).toBeVisible();
    await expectAccessible(page, "what we know");
    await page.getByRole("link", { name: /Back to your preferences/ }).click();
    const download = await request.get(new URL((await page.getByRole("link", { name: "Download your data (JSON)" }).getAttribute("href"))!, base).toString());
    expect(((await download.json()) as { profile: { email: string } }).profile.email).toBe(email);
    await page.getByRole("link", { name: "Delete my data" }).click();
    await expectAccessible(page, "delete confirm");
    await page.getByRole("button", { name: "Delete my data" }).click();
    await expect(page.getByRole("heading", { name: "Your data is deleted" })).toBeVisible();
    expect((await request.get(`/api/v1/profiles/${id}`, { headers: auth() })).status()).toBe(410);
  });

  test("two tabs: the later save wins per field and nothing else is lost", async ({ browser, request }) => {
    const { id } = await newProfile(request, "tabs");
    const { preferenceCenterUrl } = await links(request, id);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const [a, b] = [await context.newPage(), await context.newPage()];
    await a.goto(preferenceCenterUrl);
    await b.goto(preferenceCenterUrl);
    await a.getByRole("group", { name: "Sales outreach" }).getByRole("checkbox", { name: "Email" }).check();
    await a.getByRole("button", { name: "Save preferences" }).click();
    await b.getByRole("group", { name: "Product updates" }).getByLabel("How often (Email)").selectOption("instant");
    await b.getByRole("button", { name: "Save preferences" }).click();
    const prefs = await preferences(request, id);
    expect(channel(prefs, "sales-outreach", "email").status).toBe("subscribed");
    expect(channel(prefs, "product-updates", "email").frequency).toBe("instant");
    await context.close();
  });

  test("email me a link: the same answer for any address, and the link arrives for a known one", async ({ page, request }) => {
    const { email } = await newProfile(request, "ask");
    await page.goto("/p/acme");
    await expectAccessible(page, "email me a link");
    await page.getByLabel("Email address").fill(uniqueEmail("stranger"));
    await page.getByRole("button", { name: "Email me a link" }).click();
    const unknownAnswer = await page.getByRole("status").textContent();
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Email me a link" }).click();
    expect(await page.getByRole("status").textContent()).toBe(unknownAnswer);
    const mail = await waitForMail(email, /Your preferences at/);
    await page.goto(linkIn(mail, `${new URL(page.url()).origin}/p/acme?t=`));
    await expect(page.getByRole("heading", { level: 1, name: "Your preferences" })).toBeVisible();
  });

  test("speaks German by ?lang=, by the profile's locale and by the browser's language", async ({ browser, request }) => {
    const en = await newProfile(request, "lang-en");
    const de = await newProfile(request, "lang-de", "de");
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-US" });
    const page = await context.newPage();
    await page.goto(`${(await links(request, en.id)).preferenceCenterUrl}&lang=de`);
    await expect(page.getByRole("heading", { level: 1, name: "Ihre Einstellungen" })).toBeVisible();
    await expect(page.getByRole("group", { name: "Produkt-Updates" })).toBeVisible();
    await expectAccessible(page, "German by ?lang=");
    await page.goto((await links(request, de.id)).preferenceCenterUrl);
    await expect(page.getByRole("button", { name: "Einstellungen speichern" })).toBeVisible();
    await page.getByRole("link", { name: "English" }).click();
    await expect(page.getByRole("button", { name: "Save preferences" })).toBeVisible();
    await context.close();
    const german = await browser.newContext({ javaScriptEnabled: false, locale: "de-DE" });
    const dePage = await german.newPage();
    await dePage.goto((await links(request, en.id)).preferenceCenterUrl);
    await expect(dePage.locator("html")).toHaveAttribute("lang", "de");
    await german.close();
  });
});

test.describe("one-click unsubscribe (RFC 8058)", () => {
  test("POST in both encodings unsubscribes with 200, no redirect and no cookie; repeats change nothing", async ({ request }) => {
    const { id } = await newProfile(request, "oneclick");
    const { unsubscribeUrl, headers } = await links(request, id);
    expect(headers).toEqual({ "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
    const res = await request.post(unsubscribeUrl, { form: { "List-Unsubscribe": "One-Click" }, maxRedirects: 0 });
    expect(res.status()).toBe(200);
    expect(res.headers()["set-cookie"]).toBeUndefined();
    expect(res.headers()["location"]).toBeUndefined();
    expect((await preferences(request, id)).unsubscribedAll).toBe(true);
    expect(await preferenceEvents(request, id)).toBe(1);
    const again = await request.post(unsubscribeUrl, { multipart: { "List-Unsubscribe": "One-Click" }, maxRedirects: 0 });
    expect(again.status()).toBe(200);
    expect(again.headers()["set-cookie"]).toBeUndefined();
    expect(await preferenceEvents(request, id)).toBe(1);

    const scoped = await newProfile(request, "oneclick-topic");
    const topicLink = await links(request, scoped.id, { topic: "product-updates" });
    const multipart = await request.post(topicLink.unsubscribeUrl, { multipart: { "List-Unsubscribe": "One-Click" }, maxRedirects: 0 });
    expect(multipart.status()).toBe(200);
    const prefs = await preferences(request, scoped.id);
    expect(prefs.unsubscribedAll).toBe(false);
    expect(Object.values(prefs.topics.find((t) => t.key === "product-updates")!.channels).every((c) => c.status === "unsubscribed")).toBe(true);
  });

  test("a GET shows a confirm page and never unsubscribes; a tampered token is refused", async ({ browser, request }) => {
    const { id } = await newProfile(request, "oneclick-get");
    const { unsubscribeUrl } = await links(request, id);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const scripts = watchScripts(page);
    await page.goto(unsubscribeUrl);
    await expect(page.getByRole("heading", { name: "Unsubscribe" })).toBeVisible();
    await expectAccessible(page, "unsubscribe confirm");
    expect((await preferences(request, id)).unsubscribedAll).toBe(false);
    expect(await preferenceEvents(request, id)).toBe(0);
    await page.getByRole("button", { name: "Unsubscribe" }).click();
    await expect(page.getByRole("heading", { name: "You are unsubscribed" })).toBeVisible();
    await expectAccessible(page, "unsubscribed");
    expect((await preferences(request, id)).unsubscribedAll).toBe(true);
    expect(scripts.every((s) => s === "/candor-public.js")).toBe(true);

    const tampered = unsubscribeUrl.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect((await request.post(tampered, { form: { "List-Unsubscribe": "One-Click" }, maxRedirects: 0 })).status()).toBe(403);
    await page.goto(tampered);
    await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
    await expectAccessible(page, "invalid link");
    await context.close();
  });
});

test.describe("the dashboard's Preferences & consent", () => {
  test("an admin lists, creates and edits topics, and a new topic shows in the preference center", async ({ browser, request }) => {
    test.setTimeout(180_000);
    const context = await browser.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    await signIn(page, "demo@candor.test");
    await page.goto("/w/acme/preferences");
    for (const name of ["Product updates", "Sales outreach", "Newsletter"]) await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
    await axeCheck(page, "topics");

    const key = `release-notes-${Date.now().toString(36)}`;
    await page.getByRole("link", { name: "New topic" }).click();
    await axeCheck(page, "new topic");
    await page.getByRole("textbox", { name: "Key", exact: true }).fill(key);
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Release notes");
    await page.getByRole("checkbox", { name: "Weekly" }).check();
    await page.getByRole("checkbox", { name: "Monthly" }).check();
    await page.getByLabel("Frequency before someone chooses").selectOption("monthly");
    await page.getByLabel("Name (de)").fill("Versionshinweise");
    await page.getByRole("button", { name: "Create topic" }).click();
    await expect(page.getByRole("link", { name: "Release notes", exact: true })).toBeVisible();

    await page.getByRole("link", { name: "Release notes", exact: true }).click();
    await axeCheck(page, "edit topic");
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Release notes and changelog");
    await page.getByRole("button", { name: "Save topic" }).click();
    await expect(page.getByRole("status")).toContainText("Topic saved");

    await page.getByRole("link", { name: "Preference center" }).click();
    await expect(page.getByRole("heading", { name: "Hosted preference center" })).toBeVisible();
    await axeCheck(page, "preference center settings");
    await context.close();

    const { id } = await newProfile(request, "new-topic");
    const topics = (await preferences(request, id)).topics.map((t) => t.key);
    expect(topics).toContain(key);
    const center = await browser.newContext({ javaScriptEnabled: false });
    const visitor = await center.newPage();
    await visitor.goto((await links(request, id)).preferenceCenterUrl);
    await expect(visitor.getByRole("group", { name: "Release notes and changelog" })).toBeVisible();
    await center.close();
  });
});
