import { expect, test } from "@playwright/test";
import { signIn, uniqueEmail } from "./support/auth";
import { expectAccessible } from "./support/axe";

test("a newcomer signs in by magic link, creates a workspace and calls the API with a new key", async ({ page, request }) => {
  const email = uniqueEmail("founder");
  const slug = `brand-${Date.now().toString(36)}`;

  await page.goto("/");
  await expectAccessible(page, "landing");
  await signIn(page, email);

  // First sign-in without a workspace asks for one.
  await expect(page).toHaveURL(/\/onboarding/);
  await expectAccessible(page, "onboarding");
  await page.getByLabel("Workspace name").fill("Brand Test");
  await page.getByLabel("Slug").fill(slug);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}`));
  await expectAccessible(page, "overview");

  // Create an API key: the plaintext is shown once.
  await page.goto(`/w/${slug}/settings/api-keys`);
  await expectAccessible(page, "api keys");
  await page.getByRole("button", { name: "Create API key" }).click();
  await page.getByLabel("Name").fill("e2e");
  await page.getByRole("checkbox", { name: /full access/ }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByRole("textbox", { name: "API key" }).inputValue();
  expect(key).toMatch(/^cnd_/);
  await page.getByRole("button", { name: "I have stored it" }).click();
  await expect(page.getByRole("cell", { name: "e2e", exact: true })).toBeVisible();

  const res = await request.get("/api/v1/workspace", { headers: { authorization: `Bearer ${key}` } });
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ slug, name: "Brand Test" });

  // Without a key, the API answers a problem.
  const anonymous = await request.get("/api/v1/workspace");
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["content-type"]).toContain("application/problem+json");

  // The audit log shows what happened, for the owner.
  await page.goto(`/w/${slug}/settings/audit`);
  await expect(page.getByRole("region", { name: /Audit log entries/ }).getByText("api_key.created")).toBeVisible();
  await expectAccessible(page, "audit log");

  // Sign-out ends the session on the server: the dashboard asks to sign in again.
  await page.getByRole("button", { name: new RegExp(email.split("@")[0]!) }).first().click();
  await page.getByRole("menuitem", { name: /sign out/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/w/"));
  await page.goto(`/w/${slug}`);
  await expect(page).toHaveURL(/\/signin/);
});

test("a magic link works once", async ({ page, context }) => {
  const link = await signIn(page, uniqueEmail("once"));
  await expect(page).toHaveURL(/\/onboarding/);
  // Replaying the same link in a fresh session does not sign anyone in.
  await context.clearCookies();
  await page.goto(link);
  await page.goto("/w");
  await expect(page).toHaveURL(/\/signin/);
});

test("known and unknown addresses get the same answer", async ({ page }) => {
  for (const email of ["demo@candor.test", uniqueEmail("nobody")]) {
    await page.goto("/signin");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send sign-in link" }).click();
    await expect(page.getByRole("heading", { name: /check your email/i })).toBeVisible();
  }
});

test("health answers once the database does", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
});
