import { notYet, type Row } from "../table";

// Figures whose feature has not landed: listed so the table always shows every target.

export function analyticsRow(): Row {
  return notYet("analytics", "analytics overview over 1M responses", "set by issue 9", "analytics (issue 9) has not landed; the 1M completed responses are generated");
}
