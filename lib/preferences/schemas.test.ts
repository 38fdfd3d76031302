import { describe, expect, it } from "vitest";
import { preferenceSettingsForm, preferencesPatch, topicForm } from "./schemas";

describe("preference schemas", () => {
  it("reads the topic editor's flat form as a topic", () => {
    const topic = topicForm.parse({
      key: " Product-Updates ",
      name: "Product updates",
      description: "",
      channel_email: "on",
      default_email: "subscribed",
      channel_sms: "on",
      default_sms: "unsubscribed",
      default_push: "subscribed",
      freq_weekly: "on",
      freq_monthly: "on",
      defaultFrequency: "weekly",
      name_de: "Produkt-Updates",
      description_de: "",
    });
    expect(topic).toMatchObject({
      key: "product-updates",
      channels: ["email", "sms"],
      defaults: { email: "subscribed" },
      frequencies: ["weekly", "monthly"],
      defaultFrequency: "weekly",
      doubleOptIn: false,
      transactional: false,
      translations: { de: { name: "Produkt-Updates" } },
    });
  });

  it("names the field of every inconsistency", () => {
    const result = topicForm.safeParse({ key: "x!", name: "", channel_email: "on", default_email: "subscribed", doubleOptIn: "on", transactional: "on", defaultFrequency: "daily" });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join(".")).sort();
    expect(paths).toEqual(expect.arrayContaining(["key", "name", "frequencies"]));
    const doi = topicForm.safeParse({ key: "news", name: "News", channel_email: "on", default_email: "subscribed", doubleOptIn: "on", freq_weekly: "on", defaultFrequency: "monthly" });
    expect(doi.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["defaultFrequency", "defaults.email"]);
  });

  it("reads the settings form and refuses no channel or no language", () => {
    expect(preferenceSettingsForm.parse({ channel_email: "on", channel_in_app: "on", locale_de: "on", title_de: "Deine Auswahl" })).toEqual({
      channels: ["email", "in_app"],
      locales: ["de"],
      copy: { en: {}, de: { title: "Deine Auswahl" } },
    });
    const empty = preferenceSettingsForm.safeParse({});
    expect(empty.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["channels", "locales"]);
  });

  it("takes a patch in the documented shape and nothing else", () => {
    expect(preferencesPatch.safeParse({ topics: { a: { email: { status: "subscribed", frequency: "weekly" } } }, unsubscribedAll: false, pausedUntil: null }).success).toBe(true);
    expect(preferencesPatch.safeParse({ topics: { a: { email: { status: "pending" } } } }).success).toBe(false);
    expect(preferencesPatch.safeParse({ pausedUntil: "next week" }).success).toBe(false);
    expect(preferencesPatch.safeParse({ paused: true }).success).toBe(false);
  });
});
