import { expect, test, type Page } from "@playwright/test";
import { signIn, uniqueEmail } from "./support/auth";
import { expectAccessible } from "./support/axe";

// The personalization engine seen from both sides: people taking the seeded quizzes get an
// explained bundle or their persona's onboarding flow; admins see the same rules at work.

async function next(page: Page, label = "Next") {
  await page.getByRole("button", { name: label, exact: true }).click();
}

async function completeRoutineDry(page: Page, email: string) {
  await page.goto("/q/glow/routine");
  await page.getByRole("button", { name: "Start" }).click();
  await page.getByLabel("Dry").check();
  await next(page);
  await page.getByLabel("Redness").check();
  await next(page);
  await page.getByLabel("Yes, it's sensitive").check();
  await next(page);
  await page.getByLabel("Yes, please").check();
  await next(page);
  await page.getByLabel("$20–50").check();
  await next(page);
  await page.getByLabel("5", { exact: true }).check();
  await next(page);
  await page.getByLabel("Where should we send your routine?").fill(email);
  await next(page, "Finish");
  await expect(page.getByRole("heading", { level: 1, name: "Your routine is ready" })).toBeVisible();
}

test("completing routine with dry skin gives a bundle whose explanations name it", async ({ page }) => {
  await completeRoutineDry(page, uniqueEmail("routine-dry"));
  const bundle = page.getByRole("region", { name: "Picked for you" });
  await expect(bundle).toBeVisible();
  const picks = bundle.getByRole("listitem");
  expect(await picks.count()).toBeGreaterThan(1);
  expect(await picks.count()).toBeLessThanOrEqual(4);
  await expect(picks.first()).toContainText("Because you told us: skin type: dry");
  for (const text of await picks.allTextContents()) expect(text).toMatch(/Why: Because you told us: .*(dry|sensitive skin|redness)/);
  await expectAccessible(page, "routine result with bundle");
});

test("completing welcome as an engineer assigns the engineer flow and its default preferences", async ({ page }) => {
  const email = uniqueEmail("engineer-flow");
  await page.goto("/q/acme/welcome");
  await page.getByRole("button", { name: "Start" }).click();
  await page.getByLabel("Engineer").check();
  await next(page);
  await page.getByLabel("Go", { exact: true }).check();
  await next(page);
  await page.getByLabel("2–10").check();
  await next(page);
  await page.getByLabel("What's the main thing you want to get done with Acme?").fill("Instrument the signup funnel");
  await next(page);
  await page.getByLabel("Your work email").fill(email);
  await next(page, "Finish");

  const flow = page.getByRole("region", { name: "Your first steps" });
  await expect(flow).toBeVisible();
  await expect(flow.getByRole("link", { name: "Engineer onboarding" })).toBeVisible();
  await expect(flow.getByRole("listitem")).toHaveText(["Create an API key", "Install the SDK", "Send your first event", "Choose what we email you"]);
  await expect(page.getByText("Engineer onboarding, because you told us: role: engineer")).toBeVisible();

  // The hosted checklist behind the signed link: tick a step off with a plain form post.
  await flow.getByRole("link", { name: "Engineer onboarding" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Engineer onboarding" })).toBeVisible();
  await expect(page.getByText("0 of 4 done")).toBeVisible();
  await expectAccessible(page, "checklist");
  await page.getByRole("button", { name: "Mark “Create an API key” as done" }).click();
  await expect(page.getByText("1 of 4 done")).toBeVisible();
  await expect(page.getByRole("status")).toContainText("“Create an API key” is done");
  // "Send your first event" is for the brand's backend: no button for the person.
  await expect(page.getByRole("button", { name: /Send your first event/ })).toHaveCount(0);

  // The persona's defaults, as an admin sees them on the profile.
  await signIn(page, "demo@candor.test");
  await page.goto(`/w/acme/audience?q=${encodeURIComponent(email)}`);
  await page.getByRole("link", { name: email }).click();
  await expect(page.getByText(/product-updates · email: subscribed \(weekly\)/)).toBeVisible();
  // sales-outreach is off by default already: the persona's "unsubscribed" keeps it so and writes nothing.
  await expect(page.getByText(/sales-outreach · email: subscribed/)).toHaveCount(0);
  await expect(page.getByText("Onboarding: Engineer onboarding")).toBeVisible();
});

test("admins see segments count live and test rules against a person with the deciding facts", async ({ page }) => {
  const email = uniqueEmail("segment-dry");
  await completeRoutineDry(page, email);
  await signIn(page, "demo@candor.test");
  await page.goto("/w/glow/personalization/segments");
  await expectAccessible(page, "segments");
  await page.getByRole("link", { name: "Dry or sensitive skin" }).click();
  await expect(page.getByText(/\d+ (profile|profiles) (matches|match) now/)).toBeVisible();
  await expect(page.getByRole("table", { name: "Members of Dry or sensitive skin" })).toContainText(email);
  // Groups nest in the form: a group of its own inside the any-of rule, with its own conditions.
  await page.getByRole("button", { name: "Add a group", exact: true }).click();
  await expect(page.getByLabel("Condition 3.1: kind")).toBeVisible();
  await page.getByRole("button", { name: "Add a condition to group 3" }).click();
  await expect(page.getByLabel("Condition 3.2: kind")).toBeVisible();
  await page.getByLabel("Group 3: holds or not").selectOption("not");
  await expectAccessible(page, "segment editor with a nested group");
  // Removing a group's last condition removes the group.
  await page.getByRole("button", { name: "Remove condition 3.1" }).click();
  await page.getByRole("button", { name: "Remove condition 3.1" }).click();
  await expect(page.getByLabel("Group 3: holds or not")).toHaveCount(0);
  await page.getByLabel("Email, external id or profile id").fill(email);
  await page.getByRole("button", { name: "Test", exact: true }).click();
  await expect(page.getByText(/the rule holds/)).toBeVisible();
  await expect(page.getByRole("list", { name: "Deciding facts" })).toContainText('skin_type is "dry" — had "dry" → yes');
  await expectAccessible(page, "segment editor with a profile test");

  // The member's profile shows their lifecycle stage (the quiz moved them to consideration) and lets an editor move them.
  await page.getByRole("table", { name: "Members of Dry or sensitive skin" }).getByRole("link", { name: email }).click();
  await expect(page.getByRole("list", { name: "Stage history" })).toContainText("awareness → consideration");
  await page.getByLabel("Set the stage to").selectOption("decision");
  await page.getByRole("button", { name: "Save stage" }).click();
  await expect(page.getByText("Stage is now decision.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Stage history" })).toContainText("consideration → decision (dashboard)");
  await expectAccessible(page, "profile with lifecycle");
});

test("the catalog import reports bad prices and repeated SKUs instead of importing them", async ({ page }) => {
  await signIn(page, "demo@candor.test");
  await page.goto("/w/glow/personalization/catalog");
  await expectAccessible(page, "catalog");
  const sku = `E2E-${Date.now().toString(36).toUpperCase()}`;
  const csv = ["sku,name,price,currency,category", `${sku},E2E Toner,19.50,USD,toner`, "E2E-BAD,Bad price,$12,USD,toner", "E2E-DUP,One,10,USD,toner", "E2E-DUP,Two,11,USD,toner"].join("\n");
  await page.getByLabel("File").setInputFiles({ name: "catalog.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("4 rows: 1 added, 0 updated, 0 unchanged, 3 held back.")).toBeVisible();
  const report = page.getByRole("table", { name: "Rows not imported" });
  await expect(report).toContainText('"$12" is not a price');
  await expect(report).toContainText("SKU E2E-DUP appears on rows 4, 5");
  await page.reload();
  await expect(page.getByRole("table", { name: "Products" })).toContainText(sku);
  await expect(page.getByRole("table", { name: "Products" })).not.toContainText("E2E-DUP");
});

test("the bundle and flow editors rank and place a real person before anything is saved", async ({ page }) => {
  const email = uniqueEmail("bundle-preview");
  await completeRoutineDry(page, email);
  await signIn(page, "demo@candor.test");
  await page.goto("/w/glow/personalization/bundles");
  await expectAccessible(page, "bundles");
  await page.getByRole("link", { name: "Your routine" }).click();
  await expect(page.getByRole("heading", { name: "Test this bundle against a profile" })).toBeVisible();
  await expectAccessible(page, "bundle editor");
  const panel = page.getByRole("region", { name: "Test this bundle against a profile" });
  await panel.getByLabel("Email, external id or profile id").fill(email);
  await panel.getByRole("button", { name: "Rank for this person" }).click();
  await expect(panel.getByRole("listitem").first()).toContainText("Because you told us: skin type: dry");

  await page.goto("/w/acme/personalization/flows");
  await expectAccessible(page, "flows");
  await page.getByRole("link", { name: "Engineer onboarding" }).click();
  await expect(page.getByRole("heading", { name: "The checklist as people see it" })).toBeVisible();
  await expectAccessible(page, "flow editor");

  await page.goto("/w/glow/personalization/rules");
  await expectAccessible(page, "rule tester");
});
