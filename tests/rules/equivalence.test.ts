import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { and, eq, sql } from "drizzle-orm";
import { createTestDb } from "@/tests/helpers/db";
import type { DbHandle } from "@/lib/db/client";
import { profiles, quizResponses, quizVersions, quizzes, lifecycleStages } from "@/lib/db/schema";
import { newId } from "@/lib/core/ids";
import { cliActor } from "@/lib/audit/service";
import { createWorkspace } from "@/lib/workspaces/service";
import { createTraitDefinition } from "@/lib/traits/service";
import { upsertProfile } from "@/lib/profiles/service";
import { setTraits } from "@/lib/traits/service";
import { recordConsent } from "@/lib/consent/ledger";
import { createTopic, savePreferenceSettings } from "@/lib/preferences/topics";
import { updatePreferences, type ChangeSource } from "@/lib/preferences/service";
import { setStage } from "@/lib/lifecycle/service";
import { loadVocabulary } from "@/lib/rules/service";
import { loadProfileFacts } from "@/lib/rules/facts";
import { compileRule } from "@/lib/rules/compile";
import { matches, type RuleFacts } from "@/lib/rules/evaluate";
import { validateRule } from "@/lib/rules/validate";
import type { Rule } from "@/lib/rules/schema";

// The evaluator is the reference semantics; the SQL compiler must select exactly the same
// profiles. Random populations are written through the real services, random rules are drawn
// from everything the language can say about them.

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => h?.close());

const person: ChangeSource = { origin: "person", source: "preference_center", consent: { method: "checkbox", actor: { type: "subject" }, collectionPoint: "preference_center" } };
const noMail = { sendConfirmations: async () => {} };

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const kinds = ["a", "b", "c"];
// One note too long for the trait lookup index: comparisons with it must not lean on the index.
const notes = ["hello world", "world", "x y", `long ${"x".repeat(250)}`];
const numbers = [-1, 0, 0.1, 1.5, 2, 10];
const tags = ["x", "y", "z"];
const devices = ["mobile", "tablet", "desktop"];
const referrers = ["https://instagram.com/glow", "https://news.example/a"];
const sources = ["instagram", "newsletter"];
const consentChoice = fc.constantFrom<"grant" | "withdraw" | null>(null, "grant", "withdraw");
const subChoice = fc.constantFrom<"subscribed" | "unsubscribed" | null>(null, "subscribed", "unsubscribed");

const profileArb = fc.record({
  kind: opt(fc.constantFrom(...kinds)),
  note: opt(fc.constantFrom(...notes)),
  score: opt(fc.constantFrom(...numbers)),
  vip: opt(fc.boolean()),
  tags: opt(fc.subarray(tags)),
  consents: fc.record({ personalization: consentChoice, analytics: consentChoice, marketing: consentChoice }),
  subs: fc.record({ newsEmail: subChoice, newsSms: subChoice, promoEmail: subChoice }),
  stage: opt(fc.constantFrom(...lifecycleStages)),
  context: opt(fc.record({ device: opt(fc.constantFrom(...devices)), referrer: opt(fc.constantFrom(...referrers)), utm_source: opt(fc.constantFrom(...sources)) })),
});
type ProfileSpec = typeof profileArb extends fc.Arbitrary<infer T> ? T : never;

const nonEmpty = <T>(items: T[]) => fc.subarray(items, { minLength: 1 });
const value = <T>(items: T[]) => fc.constantFrom(...items);
const traitLeaf: fc.Arbitrary<Rule> = fc.oneof(
  fc.record({ trait: fc.constant("kind"), op: fc.constantFrom("eq" as const, "neq" as const), value: value(kinds) }),
  fc.record({ trait: fc.constant("kind"), op: fc.constant("in" as const), value: nonEmpty(kinds) }),
  fc.record({ trait: fc.constant("note"), op: fc.constantFrom("eq" as const, "neq" as const, "contains" as const), value: value([...notes, "world", "o", "zzz", ""]) }),
  fc.record({ trait: fc.constant("note"), op: fc.constant("in" as const), value: nonEmpty(notes) }),
  fc.record({ trait: fc.constant("score"), op: fc.constantFrom("eq" as const, "neq" as const, "gt" as const, "gte" as const, "lt" as const, "lte" as const), value: value([...numbers, 3]) }),
  fc.record({ trait: fc.constant("score"), op: fc.constant("in" as const), value: nonEmpty(numbers) }),
  fc.record({ trait: fc.constant("vip"), op: fc.constantFrom("eq" as const, "neq" as const), value: fc.boolean() }),
  fc.record({ trait: fc.constant("tags"), op: fc.constant("contains" as const), value: value(tags) }),
  fc.record({ trait: fc.constant("tags"), op: fc.constant("in" as const), value: nonEmpty(tags) }),
  fc.record({ trait: fc.constantFrom("kind", "note", "score", "vip", "tags"), op: fc.constant("exists" as const) }),
);
const leaf: fc.Arbitrary<Rule> = fc.oneof(
  { arbitrary: traitLeaf, weight: 4 },
  fc.oneof(
    fc.record({ subscription: fc.constant("news"), channel: fc.constantFrom("email" as const, "sms" as const), status: fc.constantFrom("subscribed" as const, "unsubscribed" as const, "pending" as const) }),
    fc.record({ subscription: fc.constantFrom("promo", "receipts"), channel: fc.constant("email" as const), status: fc.constantFrom("subscribed" as const, "unsubscribed" as const, "pending" as const) }),
  ),
  fc.record({ consent: fc.constantFrom("personalization", "analytics", "marketing", "sharing") }),
  fc.record({ lifecycle: nonEmpty([...lifecycleStages]) }),
  fc.oneof(
    fc.record({ context: fc.constant("device" as const), op: fc.constantFrom("eq" as const, "neq" as const), value: value(devices) }),
    fc.record({ context: fc.constant("device" as const), op: fc.constant("in" as const), value: nonEmpty(devices) }),
    fc.record({ context: fc.constantFrom("referrer" as const, "utm_source" as const), op: fc.constantFrom("eq" as const, "neq" as const, "contains" as const), value: value([...referrers, ...sources, "insta", ""]) }),
    fc.record({ context: fc.constantFrom("device" as const, "referrer" as const, "utm_source" as const, "utm_medium" as const), op: fc.constant("exists" as const) }),
  ),
);
const ruleArb: fc.Arbitrary<Rule> = fc.letrec<{ rule: Rule }>((tie) => ({
  rule: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { arbitrary: leaf, weight: 3 },
    fc.record({ all: fc.array(tie("rule"), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie("rule"), { maxLength: 3 }) }),
    fc.record({ not: tie("rule") }),
  ),
})).rule;

async function buildWorkspace(slug: string) {
  const ws = await createWorkspace(h.db, { slug, name: slug }, cliActor);
  await savePreferenceSettings(h.db, ws.id, { channels: ["email", "sms"] }, cliActor);
  const trait = (key: string, type: "string" | "number" | "boolean" | "string_list", purpose: string, allowed?: string[]) =>
    createTraitDefinition(h.db, ws.id, { key, label: key, type, purpose, allowedValues: allowed?.map((v) => ({ value: v, label: v.toUpperCase() })) ?? null }, cliActor);
  await trait("kind", "string", "personalization", kinds);
  await trait("note", "string", "analytics");
  await trait("score", "number", "personalization");
  await trait("vip", "boolean", "marketing");
  await trait("tags", "string_list", "personalization", tags);
  const topic = { frequencies: ["weekly" as const], defaultFrequency: "weekly" as const };
  await createTopic(h.db, ws.id, { key: "news", name: "News", channels: ["email", "sms"], defaults: { email: "subscribed" }, ...topic }, cliActor);
  await createTopic(h.db, ws.id, { key: "promo", name: "Promo", channels: ["email"], doubleOptIn: true, ...topic }, cliActor);
  await createTopic(h.db, ws.id, { key: "receipts", name: "Receipts", channels: ["email"], transactional: true, ...topic }, cliActor);
  const quizId = newId("quiz");
  const versionId = newId("quizVersion");
  const definition = { schemaVersion: 1, defaultLocale: "en", locales: ["en"], title: { en: "Q" }, questions: [], endings: [], hiddenFields: [] };
  await h.db.insert(quizzes).values({ id: quizId, workspaceId: ws.id, slug: "q", name: "Q", draft: definition as never });
  await h.db.insert(quizVersions).values({ id: versionId, workspaceId: ws.id, quizId, version: 1, definition: definition as never, definitionHash: "x" });
  return { ws, quizId, versionId };
}

async function writeProfile(world: Awaited<ReturnType<typeof buildWorkspace>>, spec: ProfileSpec, i: number): Promise<string> {
  const wsId = world.ws.id;
  const { profile } = await upsertProfile(h.db, wsId, { email: `p${i}@example.test` }, { actor: cliActor, source: { kind: "api" } });
  const traits = Object.fromEntries(
    Object.entries({ kind: spec.kind, note: spec.note, score: spec.score, vip: spec.vip, tags: spec.tags }).filter(([, v]) => v !== undefined),
  );
  if (Object.keys(traits).length) await setTraits(h.db, wsId, profile.id, traits, { kind: "api" });
  const topics: Record<string, Record<string, { status: "subscribed" | "unsubscribed" }>> = {};
  const put = (topic: string, channel: string, status: "subscribed" | "unsubscribed" | null) => {
    if (status) (topics[topic] ??= {})[channel] = { status };
  };
  put("news", "email", spec.subs.newsEmail);
  put("news", "sms", spec.subs.newsSms);
  put("promo", "email", spec.subs.promoEmail);
  if (Object.keys(topics).length) await updatePreferences(h.db, wsId, profile.id, { topics }, person, noMail);
  // Consent after preferences: subscribing can grant marketing, and the spec says what must hold at the end.
  for (const [purpose, action] of Object.entries(spec.consents) as [string, "grant" | "withdraw" | null][]) {
    if (!action) continue;
    if (action === "withdraw") await recordConsent(h.db, wsId, { profileId: profile.id, purpose, action: "grant" }, { method: "api", actor: { type: "api_key" } });
    await recordConsent(h.db, wsId, { profileId: profile.id, purpose, action }, { method: "api", actor: { type: "api_key" } });
  }
  if (spec.stage) await setStage(h.db, wsId, profile.id, { stage: spec.stage }, cliActor);
  if (spec.context) {
    const utm = spec.context.utm_source ? { utm_source: spec.context.utm_source } : undefined;
    for (const [n, context] of [
      [0, { channel: "hosted" as const, device: "desktop" as const, referrer: "https://old.example/" }],
      [1, { channel: "hosted" as const, device: spec.context.device as "mobile" | undefined, referrer: spec.context.referrer, utm }],
    ] as const) {
      await h.db.insert(quizResponses).values({
        id: newId("response", Date.now() + n),
        workspaceId: wsId,
        quizId: world.quizId,
        versionId: world.versionId,
        tokenHash: newId("response"),
        profileId: profile.id,
        status: "completed",
        context,
        locale: "en",
        completedAt: new Date(Date.UTC(2026, 0, 1 + n)),
      });
    }
  }
  return profile.id;
}

async function sqlMembers(workspaceId: string, rule: Rule, vocab: Awaited<ReturnType<typeof loadVocabulary>>): Promise<string[]> {
  const where = compileRule(rule, vocab.compile, { workspaceId, profileId: sql`${profiles.id}` });
  const rows = await h.db
    .select({ id: profiles.id })
    .from(profiles)
    .where(and(eq(profiles.workspaceId, workspaceId), eq(profiles.status, "active"), where));
  return rows.map((r) => r.id).sort();
}

describe("rules: evaluator and SQL agree", () => {
  for (const round of [1, 2]) {
    it(`select the same members for random rules over a random population (round ${round})`, async () => {
      const seed = Date.now() ^ (round * 7919);
      const population = fc.sample(fc.array(profileArb, { minLength: 18, maxLength: 24 }), { numRuns: 1, seed })[0]!;
      const world = await buildWorkspace(`eq-${round}-${(seed >>> 0).toString(36)}`);
      const facts = new Map<string, RuleFacts>();
      for (const [i, spec] of population.entries()) {
        const id = await writeProfile(world, spec, i);
        facts.set(id, await loadProfileFacts(h.db, world.ws.id, id));
      }
      // A stage given and then the context rows exist: the population really exercises every kind of fact.
      expect([...facts.values()].some((f) => f.stage !== "awareness")).toBe(true);
      const vocab = await loadVocabulary(h.db, world.ws.id);
      let nonTrivial = 0;
      await fc.assert(
        fc.asyncProperty(ruleArb, async (rule) => {
          expect(validateRule(rule, vocab.rule, "profile")).toEqual([]);
          const expected = [...facts.entries()].filter(([, f]) => matches(rule, f)).map(([id]) => id).sort();
          if (expected.length > 0 && expected.length < facts.size) nonTrivial++;
          expect(await sqlMembers(world.ws.id, rule, vocab), `population seed ${seed}`).toEqual(expected);
        }),
        { numRuns: 250, seed },
      );
      // Most random rules split the population: the comparison was not between empty sets.
      expect(nonTrivial).toBeGreaterThan(60);
    });
  }
});
