import { describe, expect, it } from "vitest";
import { createChecklistPreviewToken, createChecklistToken, verifyChecklistPreviewToken, verifyChecklistToken } from "./links";

const secret = "link-secret";
const now = new Date("2026-12-01T00:00:00Z");
const later = new Date(now.getTime() + 3_600_000);
const expect_ = { workspaceId: "ws_1", now };

describe("checklist links", () => {
  it("opens the person's checklist, and refuses tampering, other workspaces and expiry", () => {
    const token = createChecklistToken(secret, { workspaceId: "ws_1", profileId: "prf_1", expiresAt: later });
    expect(verifyChecklistToken(secret, token, expect_)).toEqual({ ok: true, profileId: "prf_1" });
    expect(verifyChecklistToken(secret, token.slice(0, -2) + "xx", expect_)).toEqual({ ok: false, reason: "invalid" });
    expect(verifyChecklistToken(secret, token, { ...expect_, workspaceId: "ws_2" })).toEqual({ ok: false, reason: "invalid" });
    expect(verifyChecklistToken(secret, token, { ...expect_, now: later })).toEqual({ ok: false, reason: "expired" });
  });

  it("keeps the dashboard's preview tokens apart from a person's links", () => {
    const preview = createChecklistPreviewToken(secret, { workspaceId: "ws_1", flowKey: "engineer", expiresAt: later });
    expect(verifyChecklistPreviewToken(secret, preview, expect_)).toBe("engineer");
    expect(verifyChecklistPreviewToken(secret, preview, { ...expect_, now: later })).toBeNull();
    expect(verifyChecklistPreviewToken("other-secret", preview, expect_)).toBeNull();
    // Neither opens the other: a preview token never shows a person, a person's link is no preview.
    expect(verifyChecklistToken(secret, preview, expect_)).toEqual({ ok: false, reason: "invalid" });
    const person = createChecklistToken(secret, { workspaceId: "ws_1", profileId: "prf_1", expiresAt: later });
    expect(verifyChecklistPreviewToken(secret, person, expect_)).toBeNull();
  });
});
