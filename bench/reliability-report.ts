import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Figures the reliability suite leaves for the bench table: how many went wrong out of how many. */
export interface ReliabilityFigure {
  bad: number;
  total: number;
  at: string;
  detail?: string;
}
export interface ReliabilityReport {
  figures: Partial<Record<"sigkill" | "webhook-outage" | "fuzz" | "isolation", ReliabilityFigure>>;
}

export const reliabilityReportPath = path.resolve(import.meta.dirname, "results/reliability.json");

/** Record one figure, keeping the others from earlier runs. */
export function recordReliabilityFigure(key: keyof ReliabilityReport["figures"], figure: Omit<ReliabilityFigure, "at">): void {
  const report: ReliabilityReport = existsSync(reliabilityReportPath)
    ? (JSON.parse(readFileSync(reliabilityReportPath, "utf8")) as ReliabilityReport)
    : { figures: {} };
  report.figures[key] = { ...figure, at: new Date().toISOString() };
  mkdirSync(path.dirname(reliabilityReportPath), { recursive: true });
  writeFileSync(reliabilityReportPath, `${JSON.stringify(report, null, 2)}\n`);
}
