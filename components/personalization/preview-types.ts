// Client-safe: what the dashboard's preview actions answer.

export interface PreviewFailure {
  ok: false;
  error: string;
  errors: { path: string; message: string }[];
}

export interface RuleCount {
  ok: true;
  count: number;
}

export interface TraceLine {
  text: string;
  result: boolean;
  /** The purpose whose missing consent hid the trait. */
  withheldBy: string | null;
}

export interface RuleTest {
  ok: true;
  profile: { id: string; label: string };
  result: boolean;
  trace: TraceLine[];
  withheld: { trait: string; purpose: string }[];
}

export interface BundlePreview {
  ok: true;
  profile: { id: string; label: string };
  audience: { result: boolean; trace: TraceLine[] } | null;
  generic: boolean;
  fallback: { reason: string; withheld: { trait: string; purpose: string }[] } | null;
  maxPrice: number | null;
  items: { sku: string; name: string; price: number; currency: string; category: string | null; score: number; added: boolean; explanation: string | null }[];
  rules: { key: string; label: string | null; result: boolean; trace: TraceLine[] }[];
}

export interface FlowPreview {
  ok: true;
  profile: { id: string; label: string };
  /** This flow's audience for the person (null: no audience, or the generic flow). */
  audience: { result: boolean; trace: TraceLine[] } | null;
  /** The flow the person would get now from the saved flows, and why. */
  chosen: { key: string; name: string; fallback: string | null } | null;
}
