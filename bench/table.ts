/** One line of the bench table: a measured figure next to its target and a same-run baseline. */
export interface Row {
  /** Stable key for `--only` and the JSON report. */
  key: string;
  what: string;
  /** The figure as printed, e.g. "412 tps, p99 31 ms". */
  figure: string;
  target: string;
  baseline: string;
  /** figure ÷ baseline, as printed ("23.4%"), or "—" where a ratio means nothing. */
  ratio: string;
  verdict: "pass" | "FAIL" | "n/a";
  /** Why a row could not be measured, or what to know when reading it. */
  note?: string;
  /** The raw numbers behind the row, kept in the JSON report. */
  data?: Record<string, unknown>;
}

export function notYet(key: string, what: string, target: string, why: string): Row {
  return { key, what, figure: "—", target, baseline: "—", ratio: "—", verdict: "n/a", note: `not yet measurable: ${why}` };
}

export function failed(key: string, what: string, target: string, err: unknown): Row {
  const message = err instanceof Error ? err.message : String(err);
  return { key, what, figure: "error", target, baseline: "—", ratio: "—", verdict: "FAIL", note: message.split("\n")[0]!.slice(0, 300) };
}

export const pct = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : "—");
export const ms = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
export const verdict = (ok: boolean): Row["verdict"] => (ok ? "pass" : "FAIL");

function pad(cells: string[], widths: number[]) {
  return cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
}

/** A plain-text table for the terminal; notes follow underneath, numbered. */
export function formatTable(rows: Row[]): string {
  const header = ["what", "figure", "target", "baseline (same run)", "ratio", "result"];
  const notes: string[] = [];
  const body = rows.map((r) => {
    let mark = "";
    if (r.note) {
      notes.push(r.note);
      mark = ` [${notes.length}]`;
    }
    return [r.what, r.figure, r.target, r.baseline, r.ratio, r.verdict + mark];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const lines = [pad(header, widths), widths.map((w) => "-".repeat(w)).join("  "), ...body.map((b) => pad(b, widths))];
  if (notes.length) lines.push("", ...notes.map((n, i) => `[${i + 1}] ${n}`));
  return lines.join("\n");
}

/** The same table as Markdown, for the README. */
export function formatMarkdown(rows: Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  const lines = ["| what | figure | target | baseline (same run) | ratio | result |", "|---|---|---|---|---|---|"];
  for (const r of rows) {
    const result = r.note ? `${r.verdict} — ${r.note}` : r.verdict;
    lines.push(`| ${[r.what, r.figure, r.target, r.baseline, r.ratio, result].map(esc).join(" | ")} |`);
  }
  return lines.join("\n");
}
