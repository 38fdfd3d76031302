import { createHmac } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { linkIn, waitForMail } from "./support/mail";

// A brand's page on another origin (127.0.0.1:EMBED_HOST_PORT) embeds acme's welcome quiz from the app
// (localhost): a different site, so the frame is third-party, with third-party cookies blocked.
const hostPort = Number(process.env.EMBED_HOST_PORT ?? 4310);
const host = `http://127.0.0.1:${hostPort}`;
const foreignHost = `http://127.0.0.1:${hostPort + 1}`;

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--test-third-party-cookie-phaseout", "--disable-features=TrackingProtection3pcdUx"],
  },
});

type HostEvent = { type: string; data: Record<string, unknown> };
// The person who completes the inline quiz, who then opens their preference center in an embed.
const quizEmail = `embed-${Date.now().toString(36)}@example.com`;
const events = (page: Page) => page.evaluate(() => (window as unknown as { events: HostEvent[] }).events);

test.describe.configure({ mode: "serial" });

test("an admin allows the brand's origin, and the dashboard previews the snippet", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await page.goto("/w/acme/integrations/embed");
  await expect(page.getByRole("heading", { name: "Embed", level: 1 })).toBeVisible();
  const snippet = page.getByLabel("Snippet");
  await expect(snippet).toHaveValue(/data-candor data-mode="inline"/);
  await page.getByLabel("Mode").selectOption("popup");
  await page.getByLabel("Opens").selectOption("delay");
  await expect(snippet).toHaveValue(/data-mode="popup" data-trigger="delay" data-delay="5"/);
  await expect(snippet).toHaveValue(/\/embed\.js\?v=[0-9a-f]{10}/);
  await page.getByLabel("Mode").selectOption("inline");
  // The live preview runs the real loader: the quiz appears inside it.
  await expect(page.frameLocator('iframe[title="Embed preview"]').frameLocator("iframe").getByRole("button", { name: "Start" })).toBeVisible();

  await page.getByLabel("Allowed origins").fill(`${host}\nnot an origin`);
  await page.getByRole("button", { name: "Save origins" }).click();
  await expect(page.getByText(/Not an origin: not an origin/)).toBeVisible();
  await page.getByLabel("Allowed origins").fill(`${host}/`);
  await page.getByRole("button", { name: "Save origins" }).click();
  await expect(page.getByText("Saved: 1 allowed origin.")).toBeVisible();
});

test("an inline quiz loads when scrolled to, completes, grows to fit and tells the host, without cookies", async ({ page }) => {
  const cookieTraffic: string[] = [];
  page.on("response", async (r) => {
    if (!r.url().includes("/e/q/")) return;
    const sent = await r.request().headerValue("cookie");
    const set = await r.headerValue("set-cookie");
    if (sent || set) cookieTraffic.push(`${r.url()} ${sent ?? ""} ${set ?? ""}`);
  });
  const scripts = new Set<string>();
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.add(new URL(r.url()).pathname);
  });
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.goto(`${host}/?mode=inline&path=/q/acme/welcome&spacer=1`);
  // The loader has run (the link sits in its box) but the frame waits until the box comes into view.
  await expect(page.locator(".candor-embed a[data-candor]")).toHaveCount(1);
  const frameEl = page.locator("iframe");
  await expect(frameEl).toHaveCount(0);
  await page.locator(".candor-embed").scrollIntoViewIfNeeded();
  await expect(frameEl).toHaveCount(1);
  const quiz = page.frameLocator("iframe");
  await quiz.getByRole("button", { name: "Start" }).click();
  await expect(quiz.getByRole("heading", { name: "What's your role?" })).toBeVisible();
  await quiz.getByLabel("Marketer").check();
  await quiz.getByRole("button", { name: "Next", exact: true }).click();
  await expect(quiz.getByRole("heading", { name: "How big is your team?" })).toBeVisible();
  await quiz.getByLabel("2–10").check();
  await quiz.getByRole("button", { name: "Next", exact: true }).click();
  await quiz.getByLabel("What's the main thing you want to get done with Acme?").fill("Embed a quiz");
  await quiz.getByRole("button", { name: "Next", exact: true }).click();
  await quiz.getByLabel("Your work email").fill(quizEmail);
  await quiz.getByRole("button", { name: "Finish", exact: true }).click();
  await expect(quiz.getByRole("heading", { level: 1, name: "Welcome aboard" })).toBeVisible();

  await expect.poll(async () => (await events(page)).map((e) => e.type)).toContain("quiz.completed");
  const all = await events(page);
  expect(all.map((e) => e.type)).toEqual(expect.arrayContaining(["ready", "resize", "quiz.started", "quiz.answered", "quiz.completed"]));
  const completed = all.find((e) => e.type === "quiz.completed")!;
  expect(completed.data).toMatchObject({ quiz: "welcome" });
  expect(Array.isArray(completed.data.bundle)).toBe(true);
  expect("flow" in completed.data).toBe(true);

  // The frame is as tall as its content: nothing scrolls inside it.
  const inner = page.frames().find((f) => f.url().includes("/e/q/acme/welcome"))!;
  await expect
    .poll(async () => {
      const content = await inner.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
      const box = await frameEl.boundingBox();
      return Math.abs((box?.height ?? 0) - content);
    })
    .toBeLessThanOrEqual(1);
  expect(await inner.evaluate(() => document.documentElement.scrollHeight <= document.documentElement.clientHeight + 1)).toBe(true);
  expect((await frameEl.boundingBox())?.height).not.toBe(480);
  expect(cookieTraffic).toEqual([]);
  // No framework in the frame: the loader and Candor's three small public scripts are all the JavaScript.
  expect([...scripts].sort()).toEqual(["/candor-embed.js", "/candor-public.js", "/candor-quiz.js", "/embed.js"]);
});

test("the preference center works inside an embed and tells the host when choices are saved", async ({ page, baseURL }) => {
  await page.goto(`${host}/?mode=inline&path=/p/acme&label=Your+preferences`);
  const center = page.frameLocator("iframe");
  await center.getByLabel("Email address").fill(quizEmail);
  await center.getByRole("button", { name: "Email me a link" }).click();
  await expect(center.getByRole("status")).toBeVisible();
  const mail = await waitForMail(quizEmail, /Your preferences at/);
  const link = new URL(linkIn(mail, `${baseURL}/p/acme?t=`));
  await page.goto(`${host}/?mode=inline&path=${encodeURIComponent(link.pathname + link.search)}&label=Your+preferences`);
  await expect(center.getByRole("heading", { level: 1, name: "Your preferences" })).toBeVisible();
  await center.getByLabel("For a week").check();
  await center.getByRole("button", { name: "Pause messages" }).click();
  await expect.poll(async () => (await events(page)).find((e) => e.type === "preferences.saved")?.data).toEqual({ workspace: "acme", status: ["paused"] });
});

// The person of the checklist tests: identified on the brand's page by their externalId and the userHash
// the brand's server computes with the workspace's identity secret (revealed to an admin in the dashboard).
const externalId = `emb-${Date.now().toString(36)}`;
let userHash = "";
const checklistPage = (mode: string, hash = userHash) =>
  `${host}/?mode=${mode}&path=/o/acme&label=Your+checklist&external-id=${externalId}&user-hash=${hash}`;

test("the dashboard offers the checklist with the identity it needs and previews a sample flow", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await page.goto("/w/acme/integrations/embed");
  await page.getByLabel("What to embed").selectOption({ label: "Onboarding checklist" });
  await expect(page.getByLabel("Snippet")).toHaveValue(/href="[^"]*\/o\/acme" data-candor data-mode="inline" data-external-id="USER_ID" data-user-hash=/);
  const identity = page.getByRole("checkbox", { name: /Identify signed-in visitors/ });
  await expect(identity).toBeChecked();
  await expect(identity).toBeDisabled();
  const preview = page.frameLocator('iframe[title="Embed preview"]').frameLocator("iframe");
  await expect(preview.getByText("Preview: each person sees their own steps here")).toBeVisible();
  await expect(preview.getByRole("heading", { level: 1, name: /onboarding/ })).toBeVisible();
  await expect(preview.getByRole("button", { name: /Mark .* as done/ }).first()).toBeDisabled();
  await page.screenshot({ path: test.info().outputPath("dashboard-checklist-preview.png"), fullPage: true });

  await page.goto("/w/acme/settings/security");
  await page.getByRole("button", { name: "Reveal current secret" }).click();
  const secret = await page.getByRole("textbox", { name: "Current identity secret" }).inputValue();
  userHash = createHmac("sha256", secret).update(externalId).digest("hex");
});

test("an inline checklist shows the person's steps, ticks one off, grows to fit and tells the host", async ({ page }) => {
  // The person takes the embedded quiz as a marketer while signed in on the brand's site: their marketer flow.
  await page.goto(`${host}/?mode=inline&external-id=${externalId}&user-hash=${userHash}`);
  const quiz = page.frameLocator("iframe");
  await quiz.getByRole("button", { name: "Start" }).click();
  await quiz.getByLabel("Marketer").check();
  await quiz.getByRole("button", { name: "Next", exact: true }).click();
  await quiz.getByLabel("2–10").check();
  await quiz.getByRole("button", { name: "Next", exact: true }).click();
  await quiz.getByLabel("What's the main thing you want to get done with Acme?").fill("Onboard from the embed");
  await quiz.getByRole("button", { name: "Next", exact: true }).click();
  await quiz.getByLabel("Your work email").fill(`${externalId}@example.com`);
  await quiz.getByRole("button", { name: "Finish", exact: true }).click();
  await expect(quiz.getByRole("heading", { level: 1, name: "Welcome aboard" })).toBeVisible();

  await page.goto(checklistPage("inline"));
  const checklist = page.frameLocator("iframe");
  await expect(checklist.getByRole("heading", { level: 1, name: "Marketer onboarding" })).toBeVisible();
  await expect(checklist.getByText("0 of 3 done")).toBeVisible();
  await checklist.getByRole("button", { name: "Mark “Tag your campaigns” as done" }).click();
  await expect(checklist.getByText("1 of 3 done")).toBeVisible();
  await expect(checklist.getByRole("status")).toContainText("“Tag your campaigns” is done");
  await expect
    .poll(async () => (await events(page)).find((e) => e.type === "onboarding.step_completed")?.data)
    .toEqual({ workspace: "acme", flow: "marketer", step: "utm_setup", progress: { done: 1, total: 3 }, completed: false });
  expect((await events(page)).find((e) => e.type === "ready")?.data).toMatchObject({ kind: "checklist" });

  const frameEl = page.locator("iframe");
  const inner = page.frames().find((f) => f.url().includes("/e/o/acme"))!;
  await expect
    .poll(async () => {
      const content = await inner.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
      return Math.abs(((await frameEl.boundingBox())?.height ?? 0) - content);
    })
    .toBeLessThanOrEqual(1);
  await page.screenshot({ path: test.info().outputPath("checklist-inline.png"), fullPage: true });
});

test("the checklist opens as a popup and as a slide-in, and closes with Escape", async ({ page }) => {
  await page.goto(checklistPage("popup"));
  await page.getByRole("link", { name: "Your checklist" }).click();
  const dialog = page.getByRole("dialog", { name: "Your checklist" });
  await expect(dialog).toBeVisible();
  await expect(page.frameLocator("dialog iframe").getByText("1 of 3 done")).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("checklist-popup.png") });
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await page.goto(checklistPage("slide-in"));
  await page.getByRole("link", { name: "Your checklist" }).click();
  await expect(page.frameLocator("dialog iframe").getByRole("heading", { level: 1, name: "Marketer onboarding" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("checklist-slide-in.png") });
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Your checklist" })).toBeHidden();
});

test("a checklist with a forged userHash shows nobody's steps and says why in the console", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(checklistPage("inline", createHmac("sha256", "not-the-secret").update(externalId).digest("hex")));
  const checklist = page.frameLocator("iframe");
  await expect(checklist.getByRole("heading", { level: 1, name: "Sign in to see your checklist" })).toBeVisible();
  await expect(checklist.getByText("Marketer onboarding")).toHaveCount(0);
  await expect.poll(() => errors.join("\n")).toContain("userHash does not match");
  await page.screenshot({ path: test.info().outputPath("checklist-forged.png"), fullPage: true });
});

test("a popup opens and closes with the keyboard, returning focus to its link", async ({ page }) => {
  await page.goto(`${host}/?mode=popup&label=Open+the+quiz`);
  const link = page.getByRole("link", { name: "Open the quiz" });
  await link.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Open the quiz" });
  await expect(dialog).toBeVisible();
  await expect(page.frameLocator("dialog iframe").getByRole("button", { name: "Start" })).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(link).toBeFocused();
  // Escape pressed inside the quiz closes it too.
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await page.frameLocator("dialog iframe").getByRole("button", { name: "Start" }).focus();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("a slide-in opens after its delay and closes with Escape", async ({ page }) => {
  await page.goto(`${host}/?mode=slide-in&trigger=delay&delay=1&label=Quick+quiz`);
  const panel = page.getByRole("dialog", { name: "Quick quiz" });
  await expect(panel).toBeVisible();
  await expect(page.frameLocator("dialog iframe").getByRole("button", { name: "Start" })).toBeVisible();
  // Non-modal: the page stays usable while it is open.
  await expect(page.getByRole("button", { name: "After the embed" })).toBeEnabled();
  await panel.getByRole("button", { name: "Close" }).focus();
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await page.getByRole("link", { name: "Quick quiz" }).focus();
  await page.keyboard.press("Enter");
  await expect(panel).toBeVisible();
});

test("a site that is not allowed cannot frame the quiz, and its page keeps working", async ({ page }) => {
  const refusals: string[] = [];
  page.on("console", (m) => {
    if (/frame-ancestors/.test(m.text())) refusals.push(m.text());
  });
  await page.goto(`${foreignHost}/?mode=inline`);
  await expect(page.locator("iframe")).toHaveCount(1);
  await expect.poll(() => refusals.length).toBeGreaterThan(0);
  expect(await events(page)).toEqual([]);
  await expect(page.getByRole("button", { name: "After the embed" })).toBeEnabled();
});

test("a forged userHash is refused and reported in the console", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(`${host}/?mode=inline&external-id=user-42&user-hash=${"0".repeat(64)}`);
  await expect.poll(() => errors.join("\n")).toContain("userHash does not match");
  await expect(page.frameLocator("iframe").getByRole("button", { name: "Start" })).toHaveCount(0);
});

test("without JavaScript the embed is a link to the hosted quiz", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${host}/?mode=inline`);
  await expect(page.getByRole("link", { name: "Take the quiz" })).toHaveAttribute("href", /\/q\/acme\/welcome$/);
  await expect(page.locator("iframe")).toHaveCount(0);
  await context.close();
});

test("the loader is cached long under its versioned URL and briefly without it", async ({ request }) => {
  const bare = await request.get("/embed.js");
  expect(bare.headers()["cache-control"]).toBe("public, max-age=300");
  const version = (bare.headers().etag ?? "").replace(/"/g, "");
  const versioned = await request.get(`/embed.js?v=${version}`);
  expect(versioned.headers()["cache-control"]).toContain("immutable");
  expect(versioned.headers()["content-type"]).toContain("javascript");
});
