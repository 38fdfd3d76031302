import "server-only";
import type { Db } from "@/lib/db/client";
import type { Workspace } from "@/lib/db/schema";
import { systemActor } from "@/lib/audit/service";
import type { PreferencesPatchInput, TopicInput } from "./schemas";
import { createTopic, savePreferenceSettings } from "./topics";
import { updatePreferences } from "./service";
import * as q from "./queries";

const demoChannels = { glow: ["email", "sms"], acme: ["email", "in_app"] } as const;

const demoTopics: Record<"glow" | "acme", TopicInput[]> = {
  acme: [
    {
      key: "product-updates",
      name: "Product updates",
      description: "New features, improvements and what changed in the product.",
      channels: ["email", "in_app"],
      defaults: { in_app: "subscribed" },
      frequencies: ["instant", "weekly", "monthly"],
      defaultFrequency: "weekly",
      translations: { de: { name: "Produkt-Updates", description: "Neue Funktionen, Verbesserungen und was sich im Produkt geändert hat." } },
    },
    {
      key: "sales-outreach",
      name: "Sales outreach",
      description: "A member of our sales team gets in touch about plans and pricing.",
      channels: ["email"],
      frequencies: ["monthly"],
      defaultFrequency: "monthly",
      translations: { de: { name: "Vertriebskontakt", description: "Jemand aus unserem Vertrieb meldet sich zu Tarifen und Preisen." } },
    },
    {
      key: "newsletter",
      name: "Newsletter",
      description: "Our monthly letter on analytics practice, with guides and case studies.",
      channels: ["email"],
      frequencies: ["monthly"],
      defaultFrequency: "monthly",
      doubleOptIn: true,
      translations: { de: { name: "Newsletter", description: "Unser monatlicher Brief zur Analytics-Praxis, mit Anleitungen und Fallstudien." } },
    },
  ],
  glow: [
    {
      key: "new-arrivals",
      name: "New arrivals",
      description: "The first to hear about new products and restocks.",
      channels: ["email", "sms"],
      defaults: { email: "subscribed" },
      frequencies: ["instant", "weekly"],
      defaultFrequency: "weekly",
      translations: { de: { name: "Neuheiten", description: "Als Erste von neuen Produkten und Nachlieferungen erfahren." } },
    },
    {
      key: "routine-tips",
      name: "Routine tips",
      description: "Tips for your skin type, from our skincare team.",
      channels: ["email"],
      frequencies: ["weekly", "monthly"],
      defaultFrequency: "monthly",
      doubleOptIn: true,
      translations: { de: { name: "Pflege-Tipps", description: "Tipps für Ihren Hauttyp, von unserem Pflege-Team." } },
    },
    {
      key: "offers",
      name: "Offers",
      description: "Discounts and bundles, never more often than you choose.",
      channels: ["email", "sms"],
      frequencies: ["weekly", "monthly"],
      defaultFrequency: "monthly",
      translations: { de: { name: "Angebote", description: "Rabatte und Sets, nie öfter als Sie es wählen." } },
    },
  ],
};

// What the demo people chose, so the dashboard and the API have something to show.
const demoChoices: Record<"glow" | "acme", { email: string; patch: PreferencesPatchInput }[]> = {
  glow: [
    { email: "maya.demo@example.com", patch: { topics: { "new-arrivals": { sms: { status: "subscribed", frequency: "instant" } }, offers: { email: { status: "subscribed", frequency: "monthly" } } } } },
    { email: "leo.demo@example.com", patch: { topics: { "new-arrivals": { email: { status: "unsubscribed" } }, offers: { sms: { status: "subscribed", frequency: "weekly" } } } } },
  ],
  acme: [
    { email: "priya.demo@example.com", patch: { topics: { "product-updates": { email: { status: "subscribed", frequency: "weekly" } }, "sales-outreach": { email: { status: "unsubscribed" } } } } },
    { email: "tom.demo@example.com", patch: { topics: { "product-updates": { email: { status: "subscribed", frequency: "monthly" } } } } },
  ],
};

/**
 * The preference part of the demo: channels, the topics of `glow` and `acme`, and a few demo
 * people's choices. Idempotent: what exists (including an admin's later edits) is left alone.
 */
export async function seedPreferencesDemo(db: Db, ws: Workspace, which: "glow" | "acme"): Promise<void> {
  if (!(await q.findSettings(db, { workspaceId: ws.id }))) {
    await savePreferenceSettings(db, ws.id, { channels: [...demoChannels[which]] }, systemActor);
  }
  for (const topic of demoTopics[which]) {
    if (!(await q.findTopicByKey(db, { workspaceId: ws.id, key: topic.key }))) await createTopic(db, ws.id, topic, systemActor);
  }
  for (const { email, patch } of demoChoices[which]) {
    const profileId = await q.findActiveProfileIdByEmail(db, { workspaceId: ws.id, email });
    if (!profileId || (await q.listChoices(db, { workspaceId: ws.id, profileId })).length > 0) continue;
    await updatePreferences(db, ws.id, profileId, patch, {
      origin: "brand",
      source: "demo_seed",
      consent: { method: "import", actor: { type: "import", id: "demo-seed" }, collectionPoint: "demo_seed" },
    });
  }
}
