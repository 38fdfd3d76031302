import {
  isChoice,
  type Condition,
  type Ending,
  type LocalizedText,
  type Question,
  type QuestionType,
  type QuizDefinition,
} from "./definition";

// Client-safe, pure edits the builder makes to a draft definition; each returns a new definition.

/** Move an item from one index to another. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || from >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(Math.max(0, Math.min(to, copy.length)), 0, item!);
  return copy;
}

/** `base`, or `base_2`, `base_3`… whichever is not taken. */
export function uniqueKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const clean = (base.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^[^a-z]+/, "").slice(0, 36) || "item").replace(/_+$/, "") || "item";
  if (!used.has(clean)) return clean;
  for (let i = 2; ; i++) if (!used.has(`${clean}_${i}`)) return `${clean}_${i}`;
}

export function allKeys(def: QuizDefinition): string[] {
  return [...def.questions.map((q) => q.key), ...def.endings.map((e) => e.key), ...def.hiddenFields.map((h) => h.key)];
}

const text = (locale: string, value: string): LocalizedText => ({ [locale]: value });

const typeLabels: Record<QuestionType, string> = {
  single_choice: "Single choice",
  multiple_choice: "Multiple choice",
  image_choice: "Image choice",
  scale: "Scale",
  short_text: "Short text",
  email: "Email capture",
};

export function questionTypeLabel(type: QuestionType): string {
  return typeLabels[type];
}

/** A new question of a type, with a free key and placeholder texts in `locale`. */
export function newQuestion(type: QuestionType, def: QuizDefinition, locale: string): Question {
  const key = uniqueKey(type === "email" ? "email" : "question", allKeys(def));
  return withType({ key, type: "short_text", title: text(locale, "New question"), required: true, jumps: [], maxLength: 500, multiline: false }, type, locale);
}

/** The same question as another type, keeping what both types share (and the options between choice types). */
export function withType(q: Question, type: QuestionType, locale: string): Question {
  const common = { key: q.key, title: q.title, description: q.description, required: q.required, showIf: q.showIf, jumps: q.jumps, saveAs: q.saveAs };
  const options = isChoice(q)
    ? q.options
    : [
        { key: "option_a", label: text(locale, "Option A"), effects: [] },
        { key: "option_b", label: text(locale, "Option B"), effects: [] },
      ];
  switch (type) {
    case "single_choice":
      return { ...common, type, options };
    case "multiple_choice":
      return { ...common, type, options };
    case "image_choice":
      return { ...common, type, options, multiple: false };
    case "scale":
      return { ...common, type, min: 1, max: 5 };
    case "short_text":
      return { ...common, type, maxLength: 500, multiline: false };
    case "email":
      return { ...common, type, saveAs: undefined, purpose: "personalization", marketingOptIn: { enabled: false } };
  }
}

export function newEnding(def: QuizDefinition, locale: string): Ending {
  return { key: uniqueKey("ending", allKeys(def)), title: text(locale, "Thank you") };
}

function renameInCondition(c: Condition, from: string, to: string): Condition {
  if ("all" in c) return { all: c.all.map((x) => renameInCondition(x, from, to)) };
  if ("any" in c) return { any: c.any.map((x) => renameInCondition(x, from, to)) };
  if ("not" in c) return { not: renameInCondition(c.not, from, to) };
  if ("answer" in c) return c.answer === from ? { ...c, answer: to } : c;
  return c.hidden === from ? { ...c, hidden: to } : c;
}

/** Rename a question, ending or hidden field everywhere it is referred to (conditions and jumps). */
export function renameKey(def: QuizDefinition, from: string, to: string): QuizDefinition {
  if (from === to) return def;
  const cond = (c: Condition | undefined) => (c ? renameInCondition(c, from, to) : undefined);
  return {
    ...def,
    questions: def.questions.map((q) => ({
      ...q,
      key: q.key === from ? to : q.key,
      showIf: cond(q.showIf),
      jumps: q.jumps.map((j) => ({ when: cond(j.when), to: j.to === from ? to : j.to })),
    })),
    endings: def.endings.map((e) => ({ ...e, key: e.key === from ? to : e.key, showIf: cond(e.showIf) })),
    hiddenFields: def.hiddenFields.map((h) => (h.key === from ? { ...h, key: to } : h)),
  };
}

/** Write one language of a localized text found at a dotted path ("questions.2.options.0.label"). */
export function setTextAt(def: QuizDefinition, path: string, locale: string, value: string): QuizDefinition {
  const copy = structuredClone(def) as unknown as Record<string, unknown>;
  const parts = path.split(".");
  let node: Record<string, unknown> = copy;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (!next || typeof next !== "object") return def;
    node = next as Record<string, unknown>;
  }
  const last = parts.at(-1)!;
  const current = (node[last] as Record<string, string> | undefined) ?? {};
  node[last] = { ...current, [locale]: value };
  return copy as unknown as QuizDefinition;
}

/** Drop undefined fields, so a definition compares and hashes the same however it was edited. */
export function tidy(def: QuizDefinition): QuizDefinition {
  return JSON.parse(JSON.stringify(def)) as QuizDefinition;
}
