import { notYet, type Row } from "../table";

// Figures whose feature has not landed: listed so the table always shows every target.

export function segmentCountRow(): Row {
  return notYet(
    "segment-count",
    "segment count over 1M profiles (PostgreSQL)",
    "≤ 300 ms",
    "the rule → SQL compiler of personalization (issue 6) has not landed; the 1M profiles with traits and consent it will count are generated",
  );
}

export function analyticsRow(): Row {
  return notYet("analytics", "analytics overview over 1M responses", "set by issue 9", "analytics (issue 9) has not landed; the 1M completed responses are generated");
}
