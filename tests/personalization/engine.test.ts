import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { quizResponses } from "@/lib/db/schema";
import { ManualClock } from "@/lib/core/clock";
import { cliActor } from "@/lib/audit/service";
import { seedDemo, type DemoContext } from "@/lib/seed/demo";
import { submitResponse } from "@/lib/quizzes/responses";
import { recordConsent } from "@/lib/consent/ledger";
import { getPreferences, updatePreferences } from "@/lib/preferences/service";
import { upsertProfile } from "@/lib/profiles/service";
import { setTraits } from "@/lib/traits/service";
import { listEvents } from "@/lib/events/service";
import { getStage } from "@/lib/lifecycle/service";
import { recommendForProfile } from "@/lib/bundles/service";
import { glowProducts } from "@/lib/personalization/demo";
import { eraseProfile } from "@/lib/profiles/erasure";
import { exportProfile } from "@/lib/profiles/export";
import { onboardingAssignments, profileStages, stageHistory } from "@/lib/db/schema";
import { assignForProfile, completeStep, emitStalledOnboarding, getOnboarding, processOnboardingInbox } from "@/lib/onboarding/service";

let h: DbHandle;
let demo: DemoContext;
const apiActor = { type: "api_key" as const, id: "key_test", label: "test" };

beforeAll(async () => {
  h = await createTestDb();
  demo = await seedDemo(h.db);
});
afterAll(async () => h?.close());

const routine = (email: string, answers: Record<string, unknown>) =>
  submitResponse(h.db, demo.workspaces.glow.id, "routine", { profile: { email }, answers: { email, ...answers } as never }, apiActor);
const welcome = (email: string, role: string) =>
  submitResponse(h.db, demo.workspaces.acme.id, "welcome", { profile: { email }, answers: { role, team_size: "small", goal: "Ship analytics", email } as never }, apiActor);

describe("bundles on the routine quiz", () => {
  it("picks a bundle for dry, sensitive skin within budget, explaining each pick", async () => {
    const res = await routine("dana@example.test", { skin_type: "dry", concerns: ["redness"], sensitive: "yes", fragrance_free: "yes", budget: "mid" });
    const bundle = res.outcome.bundle;
    expect(bundle.length).toBeGreaterThan(1);
    expect(bundle.length).toBeLessThanOrEqual(4);
    expect(res.outcome.fallback ?? null).toBeNull();
    const catalog = new Map(glowProducts.map((p) => [p.sku, p]));
    const categories = bundle.map((b) => catalog.get(b.sku)!.category);
    expect(new Set(categories).size).toBe(categories.length);
    for (const item of bundle) {
      const product = catalog.get(item.sku)!;
      expect(item.price!).toBeLessThanOrEqual(50);
      expect(product.inStock ?? true).toBe(true);
      expect(product.attributes!.fragrance_free).toBe(true);
      expect(item.explanation).toMatch(/^Because you told us: /);
    }
    expect(bundle[0]!.explanation).toContain("skin type: dry");
    expect(bundle.some((b) => b.explanation!.includes("sensitive skin"))).toBe(true);

    const [stored] = await h.db.select().from(quizResponses).where(and(eq(quizResponses.workspaceId, demo.workspaces.glow.id), eq(quizResponses.id, res.responseId)));
    expect((stored!.outcome as { bundle: { sku: string }[] }).bundle.map((b) => b.sku)).toEqual(bundle.map((b) => b.sku));
    expect((await getStage(h.db, demo.workspaces.glow.id, res.profileId)).stage).toBe("consideration");
  });

  it("withdrawing personalization turns the recommendation generic, and says why", async () => {
    const res = await routine("oskar@example.test", { skin_type: "oily", concerns: ["acne"], sensitive: "no", budget: "low" });
    const before = await recommendForProfile(h.db, demo.workspaces.glow.id, res.profileId);
    expect(before!.generic).toBe(false);
    expect(before!.items.every((i) => i.product.price <= 20)).toBe(true);

    await recordConsent(h.db, demo.workspaces.glow.id, { profileId: res.profileId, purpose: "personalization", action: "withdraw" }, { method: "api", actor: { type: "api_key" } });
    const after = await recommendForProfile(h.db, demo.workspaces.glow.id, res.profileId);
    expect(after!.generic).toBe(true);
    expect(after!.fallback!.reason).toContain("without your consent to personalization");
    expect(after!.fallback!.withheld.map((w) => w.trait)).toEqual(expect.arrayContaining(["skin_type", "concerns", "budget"]));
    expect(after!.items.map((i) => i.product.sku)).toEqual(["GLW-CL-CREAM", "GLW-SR-HYAL", "GLW-MO-DAILY", "GLW-SPF-MIN"]);
    expect(after!.items.every((i) => i.explanation === null)).toBe(true);
  });
});

describe("onboarding flows on the welcome quiz", () => {
  it("gives an engineer the engineer flow and its default preferences", async () => {
    const res = await welcome("erin@example.test", "engineer");
    expect(res.outcome.onboardingFlow?.key).toBe("engineer");
    expect(res.outcome.onboardingFlow?.url).toMatch(/\/o\/acme\?t=/);
    expect(res.outcome.explanations).toContain("Engineer onboarding, because you told us: role: engineer");
    const prefs = await getPreferences(h.db, demo.workspaces.acme.id, res.profileId);
    const topic = (key: string) => prefs.topics.find((t) => t.key === key)!.channels;
    expect(topic("product-updates").email).toEqual({ status: "subscribed", frequency: "weekly" });
    expect(topic("sales-outreach").email).toMatchObject({ status: "unsubscribed" });
    const stage = await getStage(h.db, demo.workspaces.acme.id, res.profileId);
    expect(stage.stage).toBe("onboarding");
    expect(stage.history.map((x) => x.to)).toEqual(["consideration", "onboarding"]);
    const onboarding = await getOnboarding(h.db, demo.workspaces.acme.id, res.profileId);
    expect(onboarding!.progress).toEqual({ done: 0, total: 4 });
    expect(onboarding!.steps[1]!.bodyHtml).toContain("<pre><code>npm install @acme/analytics");
  });

  it("completes steps by API, by event and by the person, then the flow, moving to retention", async () => {
    const ws = demo.workspaces.acme.id;
    const { profileId } = await welcome("finn@example.test", "engineer");
    await expect(completeStep(h.db, ws, profileId, { step: "api_key", by: "api" })).rejects.toMatchObject({ code: "forbidden" });
    const afterApi = await completeStep(h.db, ws, profileId, { step: "first_event", by: "api" });
    expect(afterApi.steps.find((s) => s.key === "first_event")!.completed!.by).toBe("api");
    // Repeating it changes nothing and emits nothing more.
    await completeStep(h.db, ws, profileId, { step: "first_event", by: "api" });
    expect(await listEvents(h.db, { workspaceId: ws, subjectId: profileId, type: "onboarding.step_completed" })).toHaveLength(1);

    // A brand-side change is not the person choosing; their own change in the preference center is.
    await updatePreferences(h.db, ws, profileId, { topics: { newsletter: { email: { status: "unsubscribed" } } } }, { origin: "brand", source: "api", consent: { method: "api", actor: { type: "api_key" } } });
    await processOnboardingInbox(h.db);
    expect((await getOnboarding(h.db, ws, profileId))!.steps.find((s) => s.key === "preferences")!.completed).toBeNull();
    await updatePreferences(h.db, ws, profileId, { topics: { "product-updates": { email: { frequency: "monthly" } } } }, { origin: "person", source: "preference_center", consent: { method: "checkbox", actor: { type: "subject" } } });
    expect(await processOnboardingInbox(h.db)).toBe(1);
    expect((await getOnboarding(h.db, ws, profileId))!.steps.find((s) => s.key === "preferences")!.completed!.by).toBe("event");

    await completeStep(h.db, ws, profileId, { step: "api_key", by: "person" });
    const done = await completeStep(h.db, ws, profileId, { step: "install_sdk", by: "person" });
    expect(done.completedAt).not.toBeNull();
    expect(done.progress).toEqual({ done: 4, total: 4 });
    expect(await listEvents(h.db, { workspaceId: ws, subjectId: profileId, type: "onboarding.completed" })).toHaveLength(1);
    expect((await getStage(h.db, ws, profileId)).stage).toBe("retention");
  });

  it("assigns the generic flow, saying why, when consent hides the role", async () => {
    const ws = demo.workspaces.acme.id;
    const { profile } = await upsertProfile(h.db, ws, { email: "gia@example.test" }, { actor: cliActor, source: { kind: "api" } });
    await setTraits(h.db, ws, profile.id, { role: "marketer" }, { kind: "api" });
    const choice = await h.db.transaction((tx) => assignForProfile(tx, ws, profile.id, { source: "api" }));
    expect(choice!.flow.key).toBe("getting-started");
    expect(choice!.fallback!.reason).toContain("(role)");
    await recordConsent(h.db, ws, { profileId: profile.id, purpose: "personalization", action: "grant" }, { method: "api", actor: { type: "api_key" } });
    const again = await h.db.transaction((tx) => assignForProfile(tx, ws, profile.id, { source: "api" }));
    expect(again!.flow.key).toBe("marketer");
    expect(again!.fallback).toBeNull();
    expect((await getOnboarding(h.db, ws, profile.id))!.flow.key).toBe("marketer");
  });

  it("emits onboarding.stalled once per idle stretch", async () => {
    const ws = demo.workspaces.acme.id;
    const clock = new ManualClock("2030-01-01T00:00:00Z");
    const { profile } = await upsertProfile(h.db, ws, { email: "hal@example.test" }, { actor: cliActor, source: { kind: "api" } });
    await h.db.transaction((tx) => assignForProfile(tx, ws, profile.id, { source: "api", flowKey: "product-manager", clock }));
    const stalledOf = async () => (await listEvents(h.db, { workspaceId: ws, subjectId: profile.id, type: "onboarding.stalled" })).length;
    clock.advance(6 * 86_400_000);
    await emitStalledOnboarding(h.db, { clock });
    expect(await stalledOf()).toBe(0);
    clock.advance(2 * 86_400_000);
    await emitStalledOnboarding(h.db, { clock });
    await emitStalledOnboarding(h.db, { clock });
    expect(await stalledOf()).toBe(1);
    const [event] = await listEvents(h.db, { workspaceId: ws, subjectId: profile.id, type: "onboarding.stalled" });
    expect(event!.data).toMatchObject({ flow: "product-manager", idleDays: 8 });
    await completeStep(h.db, ws, profile.id, { step: "first_funnel", by: "person" }, clock);
    clock.advance(8 * 86_400_000);
    await emitStalledOnboarding(h.db, { clock });
    expect(await stalledOf()).toBe(2);
  });
});

describe("personalization data and the person's rights", () => {
  it("exports the stage history and onboarding progress, and erasure removes them", async () => {
    const ws = demo.workspaces.acme.id;
    const { profileId } = await welcome("ivy@example.test", "product_manager");
    await completeStep(h.db, ws, profileId, { step: "first_funnel", by: "person" });
    const exported = (await exportProfile(h.db, ws, profileId)) as unknown as { personalization: { lifecycle: { stage: string; history: unknown[] }; onboarding: { flow: string; completedSteps: object }[] } };
    expect(exported.personalization.lifecycle.stage).toBe("onboarding");
    expect(exported.personalization.lifecycle.history).toHaveLength(2);
    expect(exported.personalization.onboarding[0]).toMatchObject({ flow: "product-manager", completedSteps: { first_funnel: { by: "person" } } });

    await eraseProfile(h.db, ws, profileId, cliActor);
    for (const table of [profileStages, stageHistory, onboardingAssignments]) {
      expect(await h.db.select().from(table).where(eq(table.profileId, profileId))).toEqual([]);
    }
  });
});
