import "server-only";
import type { Db } from "@/lib/db/client";
import { systemActor } from "@/lib/audit/service";
import type { ProductInput } from "@/lib/catalog/schemas";
import { createProduct, productsBySku } from "@/lib/catalog/service";
import type { BundleInput } from "@/lib/bundles/schemas";
import { createBundle, listBundles } from "@/lib/bundles/service";
import type { FlowInput } from "@/lib/onboarding/schemas";
import { createFlow, listFlows } from "@/lib/onboarding/service";
import { createSegment, listSegments } from "@/lib/segments/service";
import type { SegmentInput } from "@/lib/segments/schemas";

// The personalization part of the demo: glow's catalog and routine bundle, acme's persona flows,
// and a segment in each. Products, bundles, flows and segments are only created when missing.

// No product photos: the demo's shop is not real, and a broken image is worse than none.
const url = (slug: string) => `https://glow.example/products/${slug}`;
const product = (sku: string, name: string, category: string, price: number, attributes: ProductInput["attributes"], extra: Partial<ProductInput> = {}): ProductInput => ({
  sku,
  name,
  category,
  price,
  currency: "USD",
  imageUrl: null,
  productUrl: url(sku.toLowerCase()),
  attributes,
  ...extra,
});

export const glowProducts: ProductInput[] = [
  product("GLW-CL-CREAM", "Cream Cleanser", "cleanser", 16, { skin_types: ["dry", "normal"], concerns: ["redness"], fragrance_free: true, gentle: true }, { description: "A milky, non-foaming wash that leaves the skin barrier alone." }),
  product("GLW-CL-GEL", "Clarifying Gel Cleanser", "cleanser", 18, { skin_types: ["oily", "combination"], concerns: ["acne"], fragrance_free: true, gentle: false }, { description: "Salicylic acid gel that clears pores without stripping." }),
  product("GLW-CL-BALM", "Melting Cleansing Balm", "cleanser", 34, { skin_types: ["dry", "normal", "combination"], concerns: ["dullness"], fragrance_free: false, gentle: true }, { description: "Melts sunscreen and make-up in one step." }),
  product("GLW-TN-SOOTHE", "Soothing Toner", "toner", 22, { skin_types: ["dry", "normal", "combination"], concerns: ["redness"], fragrance_free: true, gentle: true }, { description: "Centella and panthenol to calm reactive skin." }),
  product("GLW-TN-BHA", "BHA Exfoliating Toner", "toner", 26, { skin_types: ["oily", "combination"], concerns: ["acne", "dullness"], fragrance_free: true, gentle: false }, { description: "2% BHA to keep pores clear." }),
  product("GLW-SR-HYAL", "Hyaluronic Serum", "serum", 28, { skin_types: ["dry", "normal", "combination", "oily"], concerns: ["aging"], fragrance_free: true, gentle: true }, { description: "Three weights of hyaluronic acid for lasting hydration." }),
  product("GLW-SR-VITC", "Vitamin C Brightening Serum", "serum", 48, { skin_types: ["normal", "combination", "oily"], concerns: ["dullness", "dark_spots"], fragrance_free: true, gentle: false }, { description: "15% vitamin C for an even, brighter tone." }),
  product("GLW-SR-NIAC", "Niacinamide Balancing Serum", "serum", 19, { skin_types: ["oily", "combination"], concerns: ["acne", "redness", "dark_spots"], fragrance_free: true, gentle: true }, { description: "10% niacinamide to calm and balance." }),
  product("GLW-SR-RETI", "Gentle Retinal Serum", "serum", 62, { skin_types: ["normal", "combination", "dry"], concerns: ["aging", "dark_spots"], fragrance_free: true, gentle: false }, { description: "Encapsulated retinal for fine lines, at night." }),
  product("GLW-SR-AZEL", "Azelaic Calming Serum", "serum", 31, { skin_types: ["dry", "normal", "combination", "oily"], concerns: ["redness", "acne"], fragrance_free: true, gentle: true }, { description: "Azelaic acid for redness and breakouts." }),
  product("GLW-MO-RICH", "Rich Barrier Cream", "moisturiser", 38, { skin_types: ["dry"], concerns: ["redness", "aging"], fragrance_free: true, gentle: true }, { description: "Ceramides and squalane for dry, tight skin." }),
  product("GLW-MO-GEL", "Oil-Free Gel Moisturiser", "moisturiser", 24, { skin_types: ["oily", "combination"], concerns: ["acne"], fragrance_free: true, gentle: true }, { description: "Weightless hydration that never feels greasy." }),
  product("GLW-MO-DAILY", "Daily Moisturiser", "moisturiser", 18, { skin_types: ["normal", "combination", "dry"], concerns: [], fragrance_free: false, gentle: true }, { description: "A light everyday cream with a fresh scent." }),
  product("GLW-MO-NIGHT", "Overnight Repair Cream", "moisturiser", 56, { skin_types: ["dry", "normal"], concerns: ["aging", "dullness"], fragrance_free: true, gentle: true }, { description: "Peptides that work while you sleep.", inStock: false }),
  product("GLW-SPF-MIN", "Mineral Sunscreen SPF 50", "spf", 29, { skin_types: ["dry", "normal", "combination", "oily"], concerns: ["redness", "dark_spots"], fragrance_free: true, gentle: true }, { description: "Zinc oxide protection, gentle on reactive skin." }),
  product("GLW-SPF-FLUID", "Invisible Fluid SPF 30", "spf", 21, { skin_types: ["oily", "combination", "normal"], concerns: ["dark_spots"], fragrance_free: false, gentle: false }, { description: "A sheer, matte fluid for every day." }),
  product("GLW-MK-CLAY", "Purifying Clay Mask", "mask", 23, { skin_types: ["oily", "combination"], concerns: ["acne", "dullness"], fragrance_free: true, gentle: false }, { description: "Kaolin to draw out excess oil, once a week." }),
  product("GLW-MK-HYDRA", "Overnight Hydrating Mask", "mask", 27, { skin_types: ["dry", "normal"], concerns: ["dullness", "aging"], fragrance_free: true, gentle: true }, { description: "Sleep in it, wake up plump." }),
  product("GLW-EY-CAFF", "Caffeine Eye Cream", "eye", 25, { skin_types: ["dry", "normal", "combination", "oily"], concerns: ["aging"], fragrance_free: true, gentle: true }, { description: "De-puffs and brightens the under-eye." }),
  product("GLW-OIL-SQUA", "Squalane Face Oil", "oil", 30, { skin_types: ["dry"], concerns: ["dullness", "redness"], fragrance_free: true, gentle: true }, { description: "Plant squalane to seal in moisture." }),
];

const skinTypes = ["dry", "oily", "combination", "normal"] as const;
const concerns = ["acne", "aging", "dullness", "redness", "dark_spots"] as const;

export const routineBundle: BundleInput = {
  key: "routine",
  name: "Your routine",
  description: "Picked from the routine quiz: skin type first, then concerns, within the budget people told us.",
  quizSlug: "routine",
  rules: [
    ...skinTypes.map((t) => ({ key: `skin_${t}`, label: `Made for ${t} skin`, when: { trait: "skin_type", op: "eq" as const, value: t }, select: { attribute: { key: "skin_types", value: t } }, points: 3 })),
    ...concerns.map((c) => ({ key: `concern_${c}`, label: `Works on ${c.replace("_", " ")}`, when: { trait: "concerns", op: "contains" as const, value: c }, select: { attribute: { key: "concerns", value: c } }, points: 2 })),
    { key: "sensitive_gentle", label: "Gentle for sensitive skin", when: { trait: "sensitive", op: "eq" as const, value: true }, select: { attribute: { key: "gentle", value: true } }, points: 2 },
    { key: "sensitive_no_actives", label: "No strong actives on sensitive skin", when: { trait: "sensitive", op: "eq" as const, value: true }, select: { attribute: { key: "gentle", value: false } }, points: -4 },
    { key: "no_fragrance", label: "Fragrance-free only", when: { trait: "fragrance_free", op: "eq" as const, value: true }, select: { attribute: { key: "fragrance_free", value: false } }, points: -10 },
  ],
  constraints: { maxItems: 4, onePerCategory: true, inStockOnly: true, budget: { trait: "budget", maxPrice: { low: 20, mid: 50 } } },
  fallbackSkus: ["GLW-CL-CREAM", "GLW-SR-HYAL", "GLW-MO-DAILY", "GLW-SPF-MIN"],
};

const person = ["person"] as const;
const api = ["api", "person"] as const;

const acmeFlows: FlowInput[] = [
  {
    key: "engineer",
    name: "Engineer onboarding",
    description: "API keys, the SDK and a first tracked event.",
    audience: { trait: "role", op: "eq", value: "engineer" },
    position: 1,
    defaults: { "product-updates": { email: { status: "subscribed", frequency: "weekly" } }, "sales-outreach": { email: { status: "unsubscribed" } } },
    steps: [
      { key: "api_key", title: "Create an API key", body: "Go to **Settings → API keys** and create a key with the `events:write` scope. Keep it out of your repository.", cta: { label: "Open API keys", url: "https://acme.example/settings/api-keys" }, completion: [...person] },
      { key: "install_sdk", title: "Install the SDK", body: "```\nnpm install @acme/analytics\n```\nThen initialise it with your key. [SDK guide](https://acme.example/docs/sdk)", cta: null, completion: [...person] },
      { key: "first_event", title: "Send your first event", body: "Call `acme.track(\"signed_up\")` from your backend. This step ticks itself once we receive it.", cta: { label: "Read the tracking guide", url: "https://acme.example/docs/track" }, completion: ["api"] },
      { key: "preferences", title: "Choose what we email you", body: "Engineers get weekly product updates and no sales calls by default. Change it any time.", cta: null, completion: ["event", "person"], event: { type: "preferences.updated", match: { source: "preference_center" } } },
    ],
  },
  {
    key: "product-manager",
    name: "Product manager onboarding",
    description: "Funnels, retention and sharing a dashboard with the team.",
    audience: { trait: "role", op: "eq", value: "product_manager" },
    position: 2,
    defaults: { "product-updates": { email: { status: "subscribed", frequency: "weekly" }, in_app: { status: "subscribed", frequency: "instant" } } },
    steps: [
      { key: "connect_source", title: "Connect a data source", body: "Ask an engineer to install the SDK, or import a CSV of events.", cta: { label: "Invite an engineer", url: "https://acme.example/settings/members" }, completion: [...api] },
      { key: "first_funnel", title: "Build your first funnel", body: "Pick the three steps that matter most from sign-up to value.", cta: { label: "New funnel", url: "https://acme.example/funnels/new" }, completion: [...person] },
      { key: "share_dashboard", title: "Share a dashboard", body: "Dashboards update live; share one with your team in Slack.", cta: null, completion: [...person] },
    ],
  },
  {
    key: "marketer",
    name: "Marketer onboarding",
    description: "Campaign attribution and audiences for your email tool.",
    audience: { trait: "role", op: "eq", value: "marketer" },
    position: 3,
    defaults: { "product-updates": { email: { status: "subscribed", frequency: "monthly" } }, "sales-outreach": { email: { status: "subscribed" } } },
    steps: [
      { key: "utm_setup", title: "Tag your campaigns", body: "Use `utm_source` and `utm_campaign` on every link so attribution works from day one.", cta: { label: "UTM builder", url: "https://acme.example/tools/utm" }, completion: [...person] },
      { key: "first_audience", title: "Create an audience", body: "Combine behaviour and declared data, then sync it to your email tool.", cta: { label: "New audience", url: "https://acme.example/audiences/new" }, completion: [...api] },
      { key: "attribution_report", title: "Open the attribution report", body: "See which channels bring people who stay.", cta: null, completion: [...person] },
    ],
  },
  {
    key: "getting-started",
    name: "Getting started with Acme",
    description: "The general path, for anyone we could not place.",
    generic: true,
    position: 9,
    steps: [
      { key: "tour", title: "Take the two-minute tour", body: "A short walk through dashboards, funnels and audiences.", cta: { label: "Start the tour", url: "https://acme.example/tour" }, completion: [...person] },
      { key: "invite_team", title: "Invite your team", body: "Acme works best when product, marketing and engineering share it.", cta: { label: "Invite people", url: "https://acme.example/settings/members" }, completion: [...api] },
    ],
  },
];

const demoSegments: Record<"glow" | "acme", SegmentInput[]> = {
  glow: [
    { name: "Dry or sensitive skin", description: "For the barrier-care campaign.", rule: { any: [{ trait: "skin_type", op: "eq", value: "dry" }, { trait: "sensitive", op: "eq", value: true }] } },
    { name: "Came from Instagram", description: "Latest quiz run started from an Instagram link.", rule: { context: "utm_source", op: "eq", value: "instagram" } },
  ],
  acme: [
    { name: "Engineers still onboarding", description: "Declared engineers who have not finished onboarding.", rule: { all: [{ trait: "role", op: "eq", value: "engineer" }, { lifecycle: ["onboarding"] }] } },
  ],
};

/** The personalization demo for `glow` (catalog, routine bundle, segments) and `acme` (persona flows, segment). */
export async function seedPersonalizationDemo(ctx: { db: Db; workspaces: { glow: { id: string }; acme: { id: string } } }): Promise<void> {
  const { db } = ctx;
  const glow = ctx.workspaces.glow.id;
  const acme = ctx.workspaces.acme.id;
  const have = new Set((await productsBySku(db, glow, glowProducts.map((p) => p.sku))).map((p) => p.sku));
  for (const p of glowProducts) if (!have.has(p.sku)) await createProduct(db, glow, p, systemActor);
  if (!(await listBundles(db, glow, { includeArchived: true })).some((b) => b.key === routineBundle.key)) await createBundle(db, glow, routineBundle, systemActor);
  const flows = new Set((await listFlows(db, acme, { includeArchived: true })).map((f) => f.key));
  for (const flow of acmeFlows) if (!flows.has(flow.key)) await createFlow(db, acme, flow, systemActor);
  for (const [ws, list] of [
    [glow, demoSegments.glow],
    [acme, demoSegments.acme],
  ] as const) {
    const names = new Set((await listSegments(db, ws)).map((s) => s.name));
    for (const segment of list) if (!names.has(segment.name)) await createSegment(db, ws, segment, systemActor);
  }
}
