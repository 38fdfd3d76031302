import { existsSync, readFileSync } from "node:fs";
import { notYet, verdict, type Row } from "../table";
import { reliabilityReportPath, type ReliabilityReport } from "../reliability-report";

/**
 * The zero-loss and hardening targets are proven by `npm run test:reliability` (SIGKILL under
 * load, receiver outage with a killed worker, fuzzing, tenant isolation), which takes minutes of
 * its own; the bench shows the figures of its latest run with their date.
 */
export function reliabilityRows(): Row[] {
  const specs = [
    { key: "sigkill", what: "acknowledged writes lost after SIGKILL mid-load", unit: "acknowledged" },
    { key: "webhook-outage", what: "webhook events lost across receiver outage + worker kill", unit: "events" },
    { key: "fuzz", what: "5xx on malformed input", unit: "requests" },
    { key: "isolation", what: "cross-tenant reads", unit: "cross-tenant requests" },
  ] as const;
  const report: ReliabilityReport | null = existsSync(reliabilityReportPath) ? (JSON.parse(readFileSync(reliabilityReportPath, "utf8")) as ReliabilityReport) : null;
  return specs.map((s) => {
    const f = report?.figures[s.key];
    if (!f) return notYet(`reliability-${s.key}`, s.what, "0", "no figure yet: run npm run test:reliability (its latest figures are shown here)");
    return {
      key: `reliability-${s.key}`,
      what: s.what,
      figure: `${f.bad} of ${f.total.toLocaleString("en")} ${s.unit}`,
      target: "0",
      baseline: "—",
      ratio: "—",
      verdict: verdict(f.bad === 0),
      note: `from npm run test:reliability at ${f.at}${f.detail ? `: ${f.detail}` : ""}`,
      data: { ...f },
    };
  });
}
