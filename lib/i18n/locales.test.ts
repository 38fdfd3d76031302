import { describe, expect, it } from "vitest";
import { negotiateLocale, parseAcceptLanguage } from "./locales";
import { translator } from "./translate";

describe("locale negotiation", () => {
  it("orders Accept-Language by weight and strips regions", () => {
    expect(parseAcceptLanguage("fr-CH, de;q=0.9, en;q=0.8, *;q=0.5")).toEqual(["fr", "de", "en"]);
    expect(parseAcceptLanguage("en;q=0, de")).toEqual(["de"]);
  });

  it("prefers ?lang=, then the profile, then the browser, then the fallback", () => {
    expect(negotiateLocale({ query: "de", profileLocale: "en", acceptLanguage: "en" })).toBe("de");
    expect(negotiateLocale({ profileLocale: "de", acceptLanguage: "en" })).toBe("de");
    expect(negotiateLocale({ acceptLanguage: "fr-FR, de-AT;q=0.7" })).toBe("de");
    expect(negotiateLocale({ query: "xx", acceptLanguage: "ja" })).toBe("en");
    expect(negotiateLocale({ acceptLanguage: "de", available: ["en"] as const })).toBe("en");
  });
});

describe("translator", () => {
  const messages = { en: { hello: "Hello {name}", bye: "Bye" }, de: { hello: "Hallo {name}" } };
  it("fills placeholders and falls back to English for missing keys", () => {
    const t = translator(messages, "de");
    expect(t("hello", { name: "Ada" })).toBe("Hallo Ada");
    expect(t("bye")).toBe("Bye");
  });
});
