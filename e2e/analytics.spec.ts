import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { expectAccessible } from "./support/axe";

// The analytics dashboard over the demo's four weeks of activity (seeded into the fresh embedded
// database): every chart draws, every table downloads as CSV, bad input is refused.

const charts: Record<string, string[]> = {
  "": ["funnel-days"],
  quizzes: ["funnel-days", "breakdown-device"],
  answers: ["answers", "traits"],
  preferences: ["opt-in", "preference-days"],
  consent: ["consent-days", "consent-purpose-days", "consent-purposes"],
  personalization: ["match-days", "top-products"],
  conversions: ["conversion-days", "conversions-personalized", "conversions-bundle"],
};

async function expectChart(page: Page, id: string) {
  const figure = page.locator(`figure[data-analytics-chart="${id}"]`).first();
  await expect(figure, `chart ${id} at ${page.url()}`).toBeVisible();
  await expect(figure.locator("svg.recharts-surface").first()).toBeVisible();
  // Drawn with marks, not just axes.
  await expect(figure.locator(".recharts-bar-rectangle, .recharts-line-curve").first()).toBeAttached();
}

test.beforeEach(async ({ page }) => {
  await signIn(page, "demo@candor.test");
});

test("every analytics page draws its charts from the demo activity, with a table and a CSV behind each", async ({ page }) => {
  for (const [path, ids] of Object.entries(charts)) {
    await page.goto(`/w/glow/analytics${path ? `/${path}` : ""}`);
    await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
    for (const id of ids) await expectChart(page, id);
  }

  // The funnel of one quiz adds drop-off per question.
  await page.goto("/w/glow/analytics/quizzes");
  await page.getByLabel("Quiz").selectOption({ label: "Find your routine" });
  await page.getByRole("button", { name: "Show" }).click();
  await expectChart(page, "question-drop-off");
  await page.getByText("Show the figures as a table").first().click();
  await expect(page.getByRole("region", { name: "Views, starts and completions per day" })).toBeVisible();

  // Personas live in acme (the welcome quiz assigns the flows).
  await page.goto("/w/acme/analytics/personalization");
  await expectChart(page, "personas");

  const href = await page.getByRole("link", { name: /Download CSV: Onboarding completion by persona/ }).getAttribute("href");
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await csv.text()).split("\r\n")[0]).toBe("Flow,Key,Assigned,Completed,Completion rate (fraction)");
});

test("the range and comparison carry from page to page, and the overview is accessible and fits a phone", async ({ page }) => {
  await page.goto("/w/glow/analytics");
  await page.getByRole("link", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=/);
  const from = new URL(page.url()).searchParams.get("from");
  await page.getByRole("navigation", { name: "Analytics sections" }).getByRole("link", { name: "Conversions" }).click();
  await expect(page).toHaveURL(new RegExp(`/analytics/conversions\\?from=${from}`));
  await expect(page.getByLabel("From")).toHaveValue(from!);
  await expect(page.getByText(/vs .* before|Previous period/).first()).toBeVisible();

  await page.goto("/w/glow/analytics");
  await expectAccessible(page, "analytics overview");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/w/glow/analytics/quizzes");
  await expectChart(page, "funnel-days");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
});

test("bad ranges and unknown or other workspaces' ids are refused", async ({ page }) => {
  await page.goto("/w/glow/analytics?from=2026-02-10&to=2026-02-01");
  await expect(page.getByText("The end date is before the start date").first()).toBeVisible();
  await page.goto("/w/glow/analytics?from=2024-01-01&to=2026-01-01");
  await expect(page.getByText("Choose at most 366 days").first()).toBeVisible();

  const bad = await page.request.get("/w/glow/analytics/export?area=overview&table=funnel-days&from=2026-02-10&to=2026-02-01");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).errors[0].path).toBe("to");
  expect((await page.request.get("/w/glow/analytics/export?area=overview&table=nope")).status()).toBe(404);

  expect((await page.goto("/w/glow/analytics/quizzes?quiz=quz_doesnotexist"))!.status()).toBe(404);
  expect((await page.goto("/w/glow/analytics/conversions?segment=seg_doesnotexist"))!.status()).toBe(404);
  // acme's quiz, asked for in glow.
  await page.goto("/w/acme/analytics/quizzes");
  const acmeQuiz = await page.getByLabel("Quiz").locator("option", { hasText: "Welcome" }).getAttribute("value");
  expect((await page.goto(`/w/glow/analytics/quizzes?quiz=${acmeQuiz}`))!.status()).toBe(404);
  expect((await page.request.get(`/w/glow/analytics/export?area=quizzes&table=funnel-days&quiz=${acmeQuiz}`)).status()).toBe(404);
});
