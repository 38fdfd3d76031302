import { describe, expect, it } from "vitest";
import { acceptMessage } from "./protocol";
import { checklistEvent, jsonForScript, quizEvent } from "./events";

const app = "https://candor.example";

describe("postMessage protocol", () => {
  it("accepts a well-formed message from the expected origin", () => {
    const data = { candor: "candor", type: "resize", data: { height: 420 } };
    expect(acceptMessage({ origin: app, data }, app)).toEqual(data);
  });

  it("refuses foreign origins, unknown types, bad shapes and absurd sizes", () => {
    const ok = { candor: "candor", type: "ready", data: { kind: "quiz", path: "/" } };
    expect(acceptMessage({ origin: "https://evil.example", data: ok }, app)).toBeNull();
    expect(acceptMessage({ origin: app, data: ok }, "")).toBeNull();
    expect(acceptMessage({ origin: app, data: { ...ok, type: "quiz.hacked" } }, app)).toBeNull();
    expect(acceptMessage({ origin: app, data: { ...ok, candor: "other" } }, app)).toBeNull();
    expect(acceptMessage({ origin: app, data: "ready" }, app)).toBeNull();
    expect(acceptMessage({ origin: app, data: { candor: "candor", type: "resize", data: { height: "9e9" } } }, app)).toBeNull();
    expect(acceptMessage({ origin: app, data: { candor: "candor", type: "resize", data: { height: 1e6 } } }, app)).toBeNull();
  });

  it("announces start, answers and completion with the bundle and flow", () => {
    const base = { quiz: "routine", status: "partial", endingKey: null, outcome: null };
    expect(quizEvent({ ...base, answered: [] })).toEqual({ candor: "candor", type: "quiz.started", data: { quiz: "routine" } });
    expect(quizEvent({ ...base, answered: ["skin", "goal"] }).data).toEqual({ quiz: "routine", question: "goal", answered: 2 });
    const flow = { key: "dry", name: "Dry skin", steps: [{ key: "s1", title: "Cleanse" }] };
    const bundle = [{ sku: "C-1", name: "Cream" }];
    const done = quizEvent({ ...base, status: "completed", answered: ["skin"], endingKey: "end", outcome: { bundle, onboardingFlow: flow, explanations: [] } });
    expect(done).toEqual({ candor: "candor", type: "quiz.completed", data: { quiz: "routine", ending: "end", bundle, flow } });
  });

  it("keeps JSON inside a script block from closing it", () => {
    const text = jsonForScript({ x: "</script><script>alert(1)</script>" });
    expect(text).not.toContain("</script>");
    expect(JSON.parse(text)).toEqual({ x: "</script><script>alert(1)</script>" });
  });

  it("announces a ticked-off checklist step once it is done, with the flow's progress", () => {
    const step = (key: string, done: boolean) => ({ key, title: key, bodyHtml: "", cta: null, completion: ["person" as const], completed: done ? { at: "2026-12-01T00:00:00Z", by: "person" as const } : null });
    const view = { flow: { key: "engineer", name: "Engineer", description: "" }, steps: [step("api_key", true), step("install_sdk", false)], progress: { done: 1, total: 2 }, completedAt: null };
    const event = checklistEvent("acme", view, "api_key");
    expect(event).toEqual({
      candor: "candor",
      type: "onboarding.step_completed",
      data: { workspace: "acme", flow: "engineer", step: "api_key", progress: { done: 1, total: 2 }, completed: false },
    });
    expect(acceptMessage({ origin: app, data: event }, app)).toEqual(event);
    // A step that is not done (or not there), or no step at all, announces nothing.
    expect(checklistEvent("acme", view, "install_sdk")).toBeNull();
    expect(checklistEvent("acme", view, "nope")).toBeNull();
    expect(checklistEvent("acme", view, null)).toBeNull();
    expect(checklistEvent("acme", { ...view, completedAt: new Date() }, "api_key")?.data).toMatchObject({ completed: true });
  });
});
