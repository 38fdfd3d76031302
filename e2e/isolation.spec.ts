import { expect, test } from "@playwright/test";
import { signIn, uniqueEmail } from "./support/auth";

// Two tenants: a fresh brand and the seeded `glow`. Nothing of one is reachable from the other.
test("a member of one workspace gets 404 for every page of another", async ({ page }) => {
  await signIn(page, uniqueEmail("tenant"));
  const slug = `iso-${Date.now().toString(36)}`;
  await page.getByLabel("Workspace name").fill("Isolation");
  await page.getByLabel("Slug").fill(slug);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}`));

  for (const path of ["", "/settings/general", "/settings/members", "/settings/api-keys", "/settings/audit", "/audience", "/quizzes"]) {
    const res = await page.goto(`/w/glow${path}`);
    expect(res?.status(), `/w/glow${path}`).toBe(404);
    await expect(page.getByText("Glow Skincare")).toHaveCount(0);
  }
});
