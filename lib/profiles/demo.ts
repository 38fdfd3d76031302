import "server-only";
import type { Db } from "@/lib/db/client";
import type { Workspace } from "@/lib/db/schema";
import { systemActor } from "@/lib/audit/service";
import { ensureDefaultPurposes } from "@/lib/consent/service";
import { recordConsent } from "@/lib/consent/ledger";
import { honourGpc } from "@/lib/consent/gpc";
import { createTraitDefinition, listTraitDefinitions } from "@/lib/traits/service";
import type { CreateTraitDefinitionInput } from "@/lib/traits/schemas";
import { upsertProfile } from "./service";

const options = (...values: string[]) => values.map((value) => ({ value, label: value.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()) }));

/** The vocabulary the demo quizzes write (the quiz seed defines the same keys when it runs first). */
const demoTraits: Record<"glow" | "acme", CreateTraitDefinitionInput[]> = {
  glow: [
    { key: "skin_type", label: "Skin type", type: "string", allowedValues: options("dry", "oily", "combination", "normal") },
    { key: "concerns", label: "Skin concerns", type: "string_list", allowedValues: options("acne", "aging", "dullness", "redness", "dark_spots") },
    { key: "sensitive", label: "Sensitive skin", type: "boolean" },
    { key: "budget", label: "Budget", type: "string", allowedValues: options("low", "mid", "high") },
  ],
  acme: [
    { key: "role", label: "Role", type: "string", allowedValues: options("marketer", "product_manager", "engineer") },
    { key: "team_size", label: "Team size", type: "string", allowedValues: options("solo", "small", "medium", "large") },
    { key: "goal", label: "Main goal", type: "string" },
  ],
};

type DemoPerson = { email: string; traits: Record<string, unknown>; grants: string[]; gpc?: boolean };

/** A few labelled demo people so Audience and the timeline have something to show; all provenance says "demo seed". */
const demoPeople: Record<"glow" | "acme", DemoPerson[]> = {
  glow: [
    { email: "maya.demo@example.com", traits: { skin_type: "dry", concerns: ["aging", "dullness"], sensitive: true, budget: "mid" }, grants: ["personalization", "marketing"] },
    { email: "leo.demo@example.com", traits: { skin_type: "oily", concerns: ["acne"], sensitive: false, budget: "low" }, grants: ["personalization"] },
    { email: "ines.demo@example.com", traits: { skin_type: "combination", concerns: ["redness"], budget: "high" }, grants: ["personalization", "marketing", "analytics"], gpc: true },
  ],
  acme: [
    { email: "priya.demo@example.com", traits: { role: "engineer", team_size: "medium", goal: "Ship event tracking without a data team" }, grants: ["personalization", "marketing"] },
    { email: "tom.demo@example.com", traits: { role: "marketer", team_size: "small", goal: "Segment trial users by intent" }, grants: ["personalization"] },
  ],
};

const demoSource = { kind: "import" as const, ref: "demo-seed" };

/**
 * The audience part of the demo for `glow` or `acme`: default purposes, the demo trait
 * vocabulary and a few demo profiles with consent. Idempotent: reruns add only what is missing.
 */
export async function seedAudienceDemo(db: Db, ws: Workspace, which: "glow" | "acme"): Promise<void> {
  await ensureDefaultPurposes(db, ws.id);
  const existing = new Set((await listTraitDefinitions(db, ws.id, { includeArchived: true })).map((t) => t.key));
  for (const def of demoTraits[which]) {
    if (!existing.has(def.key)) await createTraitDefinition(db, ws.id, def, systemActor);
  }
  for (const person of demoPeople[which]) {
    const { profile, created } = await upsertProfile(db, ws.id, { email: person.email, traits: person.traits }, { actor: systemActor, source: demoSource });
    if (!created) continue;
    for (const purpose of person.grants) {
      await recordConsent(db, ws.id, { profileId: profile.id, purpose, action: "grant" }, {
        method: "import",
        actor: { type: "import", id: "demo-seed" },
        collectionPoint: "demo seed",
      });
    }
    if (person.gpc) await honourGpc(db, ws.id, profile.id, { collectionPoint: "preference_center" });
  }
}
