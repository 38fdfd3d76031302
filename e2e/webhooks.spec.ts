import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { signIn } from "./support/auth";
import { expectAccessible } from "./support/axe";

// A receiver on loopback (the app runs with CANDOR_ALLOW_PRIVATE_WEBHOOKS=1) that verifies every
// request with the standardwebhooks package, as a customer's would, and answers what the test says.
interface Received {
  id: string;
  type: string;
  signatures: number;
  verifiedWith: string[];
}
const received: Received[] = [];
const secrets: string[] = [];
let answer = 200;
let server: http.Server;
let hookUrl = "";

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = req.headers as Record<string, string>;
      const verifiedWith = secrets.filter((s) => {
        try {
          new Webhook(s).verify(body, headers);
          return true;
        } catch {
          return false;
        }
      });
      const parsed = JSON.parse(body) as { type: string };
      received.push({ id: headers["webhook-id"]!, type: parsed.type, signatures: headers["webhook-signature"]!.split(" ").length, verifiedWith });
      res.writeHead(answer, { "content-type": "text/plain" }).end(answer === 200 ? "thanks" : "receiver is down");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/candor`;
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test.describe.configure({ mode: "serial" });

const tests = (type: string) => received.filter((r) => r.type === type);

async function openEndpoint(page: Page) {
  await page.goto("/w/acme/integrations/webhooks");
  await page.getByRole("link", { name: hookUrl }).click();
  await expect(page.getByRole("heading", { level: 1, name: hookUrl })).toBeVisible();
}

test("an admin adds an endpoint, sees its secret once, and a signed test event arrives", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await page.goto("/w/acme/integrations");
  await page.getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  await expectAccessible(page, "webhooks");

  await page.getByRole("button", { name: "Add endpoint" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("URL").fill("ftp://example.com/hook");
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  await expect(dialog.getByText("Use an http:// or https:// URL")).toBeVisible();
  await dialog.getByLabel("URL").fill(hookUrl);
  await dialog.getByLabel("Description").fill("ESP sync (e2e)");
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  const secretField = dialog.getByLabel("Signing secret");
  await expect(secretField).toHaveValue(/^whsec_/);
  secrets.push(await secretField.inputValue());
  await dialog.getByRole("link", { name: "I have stored it" }).click();

  await expect(page.getByRole("heading", { level: 1, name: hookUrl })).toBeVisible();
  // The secret is not on the page any more.
  await expect(page.getByText(secrets[0]!)).toHaveCount(0);
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByText("Test event sent")).toBeVisible();
  await expect.poll(() => tests("webhook.test").length, { timeout: 15_000 }).toBe(1);
  expect(tests("webhook.test")[0]!.verifiedWith).toEqual([secrets[0]]);
});

test("the delivery log shows the attempt, and replay sends it again with the same webhook-id", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await openEndpoint(page);
  const [first] = tests("webhook.test");
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("link", { name: first!.id })).toBeVisible();
  }).toPass({ timeout: 15_000 });
  await page.getByRole("link", { name: first!.id }).click();
  await expect(page.getByRole("heading", { level: 1, name: first!.id })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: /Attempt 1/ })).toContainText("HTTP 200");
  await expect(page.getByText("thanks")).toBeVisible();
  await expectAccessible(page, "webhook delivery");

  await page.getByRole("button", { name: "Replay" }).click();
  await expect(page.getByText(/Replay queued with the same webhook-id/)).toBeVisible();
  await expect.poll(() => tests("webhook.test").filter((r) => r.id === first!.id).length, { timeout: 15_000 }).toBe(2);
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("heading", { level: 3, name: /Attempt 2/ })).toBeVisible();
  }).toPass({ timeout: 15_000 });
});

test("failures are logged, disabling fails what waits, and replay-failed sends it once the receiver is back", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await openEndpoint(page);
  answer = 503;
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect.poll(() => tests("webhook.test").length, { timeout: 15_000 }).toBe(3);
  const failing = tests("webhook.test").at(-1)!;
  await page.getByRole("button", { name: "Disable" }).click();
  await expect(page.getByText(/Disabled: its pending deliveries are marked failed/)).toBeVisible();
  await page.reload();
  await expect(page.getByText("Disabled: nothing is being sent")).toBeVisible();
  await page.getByLabel("Status").selectOption("failed");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/status=failed/);
  await expect(page.getByRole("link", { name: failing.id })).toBeVisible();
  await expectAccessible(page, "webhook endpoint");

  answer = 200;
  await page.getByRole("button", { name: "Enable" }).click();
  await expect(page.getByText(/Enabled: new events go out again/)).toBeVisible();
  await page.reload();
  await page.getByRole("button", { name: "Replay failed deliveries" }).click();
  await expect(page.getByText("1 delivery queued again.")).toBeVisible();
  await expect.poll(() => tests("webhook.test").filter((r) => r.id === failing.id).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
});

test("rotating the secret signs with both secrets during the overlap", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await openEndpoint(page);
  await page.getByRole("button", { name: "Rotate secret" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  const secretField = dialog.getByLabel("Signing secret");
  await expect(secretField).toHaveValue(/^whsec_/);
  const rotated = await secretField.inputValue();
  expect(rotated).not.toBe(secrets[0]);
  secrets.push(rotated);
  await dialog.getByRole("link", { name: "I have stored it" }).click();
  await expect(page.getByText("Secret rotation in progress")).toBeVisible();

  const before = tests("webhook.test").length;
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect.poll(() => tests("webhook.test").length, { timeout: 15_000 }).toBe(before + 1);
  const latest = tests("webhook.test").at(-1)!;
  expect(latest.signatures).toBe(2);
  expect([...latest.verifiedWith].sort()).toEqual([...secrets].sort());
});

test("a 410 Gone disables the endpoint with the reason shown; deleting asks first", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await openEndpoint(page);
  answer = 410;
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("Disabled: nothing is being sent")).toBeVisible();
  }).toPass({ timeout: 15_000 });
  await expect(page.getByText(/The receiver answered 410 Gone/)).toBeVisible();
  answer = 200;

  await page.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("cannot be undone");
  await confirm.getByRole("button", { name: "Delete endpoint" }).click();
  await expect(page).toHaveURL(/\/integrations\/webhooks$/);
  await expect(page.getByRole("link", { name: hookUrl })).toHaveCount(0);
});
