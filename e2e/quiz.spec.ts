import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn, uniqueEmail } from "./support/auth";
import { expectAccessible } from "./support/axe";
import { linkIn, waitForMail } from "./support/mail";

// The seeded demo quizzes, taken the way people take them: with JavaScript and without.

/** Scripts the page loads: only Candor's two small public scripts, never the framework. */
function watchScripts(page: Page): string[] {
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
  });
  return scripts;
}

type Audit = (page: Page, context: string) => Promise<void>;

/**
 * axe needs JavaScript, so pages browsed without it are audited by loading the same URL (GETs
 * change nothing) in a second, scripted context: the server sends the same HTML either way.
 */
async function auditorFor(browser: Browser): Promise<{ audit: Audit; close: () => Promise<void> }> {
  const ctx = await browser.newContext({ javaScriptEnabled: true });
  const auditor = await ctx.newPage();
  return {
    audit: async (page, context) => {
      await auditor.goto(page.url());
      await expectAccessible(auditor, context);
    },
    close: () => ctx.close(),
  };
}

async function next(page: Page, label = "Next") {
  await page.getByRole("button", { name: label, exact: true }).click();
}

async function completeRoutine(page: Page, email: string, context: string, audit: Audit = expectAccessible) {
  await page.goto("/q/glow/routine?utm_source=e2e&product=night-cream");
  await expect(page.getByRole("heading", { level: 1, name: "Find your routine" })).toBeVisible();
  await audit(page, `${context}: start`);
  await page.getByRole("button", { name: "Start" }).click();

  await expect(page.getByRole("heading", { name: "What's your skin type?" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Progress" })).toHaveAttribute("aria-valuetext", /Question 1 of \d/);
  await audit(page, `${context}: skin type`);
  await page.getByLabel("Dry").check();
  await next(page);

  await expect(page.getByRole("heading", { name: "What would you like to work on?" })).toBeVisible();
  await audit(page, `${context}: concerns`);
  // Back goes to the previous question with its answer kept.
  await page.getByRole("link", { name: "Back" }).click();
  await expect(page.getByLabel("Dry")).toBeChecked();
  await next(page);
  await page.getByLabel("Breakouts").check();
  await page.getByLabel("Redness").check();
  await next(page);

  await expect(page.getByRole("heading", { name: "Does your skin react easily?" })).toBeVisible();
  await audit(page, `${context}: sensitive`);
  await page.getByLabel("Yes, it's sensitive").check();
  await next(page);

  await expect(page.getByRole("heading", { name: "Should we stick to fragrance-free products?" })).toBeVisible();
  await audit(page, `${context}: fragrance`);
  await page.getByRole("button", { name: "Skip this question" }).click();

  await expect(page.getByRole("heading", { name: "What do you usually spend on one product?" })).toBeVisible();
  await audit(page, `${context}: budget`);
  await page.getByLabel("$20–50").check();
  await next(page);

  await expect(page.getByRole("heading", { name: /How many minutes a day/ })).toBeVisible();
  await audit(page, `${context}: minutes`);
  await page.getByLabel("5", { exact: true }).check();
  await next(page);

  await expect(page.getByRole("heading", { name: "Where should we send your routine?" })).toBeVisible();
  const optIn = page.getByRole("checkbox", { name: /routine tips and offers/ });
  await expect(optIn).not.toBeChecked();
  await expect(page.getByText("We use what you tell us")).toBeVisible();
  await audit(page, `${context}: email`);
  // An address the browser lets through but the server refuses comes back with the error announced.
  await page.getByLabel("Where should we send your routine?").fill("someone@localhost");
  await next(page, "Finish");
  await expect(page.getByRole("alert").filter({ hasText: "Enter a valid email address" })).toBeVisible();
  // The error screen answers a POST; only a scripted page can audit it in place.
  if (audit === expectAccessible) await expectAccessible(page, `${context}: email error`);
  await page.getByLabel("Where should we send your routine?").fill(email);
  await next(page, "Finish");

  await expect(page.getByRole("heading", { level: 1, name: "Your routine is ready" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What you told us" })).toBeVisible();
  const summary = page.locator("dl.summary");
  await expect(summary).toContainText("Dry");
  await expect(summary).toContainText("Breakouts, Redness");
  await expect(summary).toContainText("$20–50");
  await audit(page, `${context}: result`);
}

async function completeWelcome(page: Page, email: string, role: "Engineer" | "Marketer", context: string, audit: Audit = expectAccessible) {
  await page.goto("/q/acme/welcome?plan=pro");
  await audit(page, `${context}: start`);
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("heading", { name: "What's your role?" })).toBeVisible();
  await audit(page, `${context}: role`);
  await page.getByLabel(role).check();
  await next(page);
  if (role === "Engineer") {
    await expect(page.getByRole("heading", { name: "Which languages does your team use?" })).toBeVisible();
    await audit(page, `${context}: stack`);
    await page.getByLabel("Go", { exact: true }).check();
    await next(page);
  }
  await expect(page.getByRole("heading", { name: "How big is your team?" })).toBeVisible();
  await audit(page, `${context}: team size`);
  await page.getByLabel("2–10").check();
  await next(page);
  await expect(page.getByRole("heading", { name: "What's the main thing you want to get done with Acme?" })).toBeVisible();
  await audit(page, `${context}: goal`);
  await page.getByLabel("What's the main thing you want to get done with Acme?").fill("Ship analytics to every team");
  await next(page);
  await expect(page.getByRole("heading", { name: "Your work email" })).toBeVisible();
  await audit(page, `${context}: email`);
  await page.getByLabel("Your work email").fill(email);
  await page.getByRole("checkbox", { name: /product updates/ }).check();
  await next(page, "Finish");
  await expect(page.getByRole("heading", { level: 1, name: role === "Engineer" ? "Welcome aboard, engineer" : "Welcome aboard" })).toBeVisible();
  await expect(page.locator("dl.summary")).toContainText("Ship analytics to every team");
  await audit(page, `${context}: result`);
}

test.describe("with JavaScript", () => {
  test("completes routine, loading only the two small public scripts", async ({ page }) => {
    const scripts = watchScripts(page);
    await completeRoutine(page, uniqueEmail("routine-js"), "routine js");
    expect([...new Set(scripts)].sort()).toEqual(["/candor-public.js", "/candor-quiz.js"]);
  });

  test("completes welcome as an engineer, picking options with number keys", async ({ page }) => {
    await page.goto("/q/acme/welcome");
    await page.getByRole("button", { name: "Start" }).click();
    await expect(page.getByRole("heading", { name: "What's your role?" })).toBeVisible();
    // 3 picks the third option.
    await page.keyboard.press("3");
    await expect(page.getByLabel("Engineer")).toBeChecked();
    await completeWelcome(page, uniqueEmail("welcome-js"), "Engineer", "welcome js");
  });

  test("saves a partial run and continues it on another device from the emailed link", async ({ page, browser }) => {
    const email = uniqueEmail("resume");
    await page.goto("/q/acme/welcome");
    await page.getByRole("button", { name: "Start" }).click();
    await page.getByLabel("Marketer").check();
    await next(page);
    await expect(page.getByRole("heading", { name: "How big is your team?" })).toBeVisible();
    await page.getByRole("link", { name: "Save and finish later" }).click();
    await expectAccessible(page, "finish later");
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Email me the link" }).click();
    await expect(page.getByRole("status")).toContainText("We sent you the link");

    // The same device: the start page offers to continue.
    await page.goto("/q/acme/welcome");
    await expect(page.getByRole("link", { name: "Continue where you left off" })).toBeVisible();

    // Another device: nothing but the link from the mail.
    const mail = await waitForMail(email, /Continue/);
    const base = new URL(page.url()).origin;
    const other = await browser.newContext();
    const phone = await other.newPage();
    await phone.goto(linkIn(mail, `${base}/q/acme/welcome?r=`));
    await expect(phone.getByRole("heading", { name: "How big is your team?" })).toBeVisible();
    await phone.getByRole("link", { name: "Back" }).click();
    await expect(phone.getByLabel("Marketer")).toBeChecked();
    await other.close();
  });

  test("two admins editing one draft: the second gets a conflict, and responses show in the table", async ({ browser }) => {
    const a = await browser.newContext();
    const b = await browser.newContext();
    const pageA = await a.newPage();
    const pageB = await b.newPage();
    // A response of our own, so the table has something to show however the tests are run.
    await completeWelcome(pageA, uniqueEmail("table"), "Marketer", "welcome for the table", async () => {});
    await signIn(pageA, "demo@candor.test");
    await signIn(pageB, "admin@acme.test");
    await pageA.goto("/w/acme/quizzes");
    await expectAccessible(pageA, "quizzes list");
    await pageA.getByRole("link", { name: "Welcome", exact: true }).click();
    await expect(pageA.getByRole("heading", { name: "Live preview" })).toBeVisible();
    await expect(pageA.frameLocator("iframe[title='Live preview of the quiz']").getByRole("heading", { name: "What's your role?" })).toBeVisible();
    await expectAccessible(pageA, "builder");
    await pageB.goto(pageA.url());
    const revisionText = await pageB.getByText(/Draft saved · revision \d+/).textContent();
    const revision = Number(/revision (\d+)/.exec(revisionText ?? "")![1]);

    // Reorder from the keyboard: the move is announced and autosaved.
    const firstQuestion = pageA.getByRole("button", { name: /^1\. What's your role\?/ });
    await firstQuestion.focus();
    await pageA.keyboard.press("Alt+ArrowDown");
    await expect(pageA.getByText("Moved role to position 2 of 5")).toBeAttached();
    await expect(pageA.getByText(`Draft saved · revision ${revision + 1}`)).toBeVisible({ timeout: 15_000 });
    await expect(pageA.getByText("Nobody can reach")).toBeHidden();

    // B still holds the older revision: their autosave is refused, not applied over A's change.
    await pageB.getByLabel("Quiz name (only admins see it)").fill("Welcome (B)");
    await expect(pageB.getByRole("alert").filter({ hasText: "demo@candor.test saved this quiz after you opened it" })).toBeVisible({ timeout: 15_000 });

    await pageA.goto("/w/acme/quizzes");
    await pageA.getByRole("link", { name: /completed/ }).first().click();
    await expect(pageA.getByRole("heading", { name: "Responses to Welcome" })).toBeVisible();
    await expect(pageA.getByRole("table", { name: "Responses, newest first" })).toContainText("completed");
    await expectAccessible(pageA, "responses");
    await a.close();
    await b.close();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("completes routine with plain forms", async ({ page, browser }) => {
    const { audit, close } = await auditorFor(browser);
    await completeRoutine(page, uniqueEmail("routine-nojs"), "routine no-js", audit);
    await close();
  });

  test("completes welcome as a marketer, skipping the engineers' question", async ({ page, browser }) => {
    const { audit, close } = await auditorFor(browser);
    await completeWelcome(page, uniqueEmail("welcome-nojs"), "Marketer", "welcome no-js", audit);
    await close();
  });
});
