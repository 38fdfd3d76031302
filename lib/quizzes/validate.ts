import {
  MAX_CONDITION_DEPTH,
  isChoice,
  isMultiple,
  type Condition,
  type Question,
  type QuizDefinition,
} from "./definition";

// Client-safe: the builder shows these issues as you type; publishing refuses any error.

/** The part of a workspace trait definition the validator needs. */
export interface TraitSpec {
  type: "string" | "number" | "boolean" | "string_list";
  allowedValues?: readonly string[] | null;
}

export interface ValidationContext {
  /** The workspace's trait definitions by key. */
  traits: Record<string, TraitSpec>;
  /** Consent purposes the workspace knows; unchecked when omitted. */
  purposes?: readonly string[];
}

export type IssueCode =
  | "no_questions"
  | "no_ending"
  | "duplicate_key"
  | "dangling_jump"
  | "backward_jump"
  | "unreachable"
  | "undefined_trait"
  | "trait_type"
  | "unknown_reference"
  | "later_reference"
  | "unknown_option"
  | "unknown_hidden"
  | "bad_operator"
  | "condition_too_deep"
  | "no_options"
  | "min_max"
  | "scale_range"
  | "image_missing"
  | "email_twice"
  | "unknown_purpose"
  | "missing_text"
  | "unknown_locale";

export interface ValidationIssue {
  /** Dotted path into the definition ("questions.2.jumps.0.to"). */
  path: string;
  code: IssueCode;
  message: string;
  /** Errors block publishing; warnings are shown but allowed. */
  severity: "error" | "warning";
}

const listOps = new Set(["includes", "excludes"]);
const numberOps = new Set(["gt", "gte", "lt", "lte"]);

/** Check a definition for everything that would break or mislead a run. */
export function validateDefinition(def: QuizDefinition, ctx: ValidationContext): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const error = (path: string, code: IssueCode, message: string) => issues.push({ path, code, message, severity: "error" });
  const warn = (path: string, code: IssueCode, message: string) => issues.push({ path, code, message, severity: "warning" });

  if (def.questions.length === 0) error("questions", "no_questions", "Add at least one question");
  if (def.endings.length === 0) error("endings", "no_ending", "Add an ending: it is what people see when they finish");
  if (!def.locales.includes(def.defaultLocale)) error("defaultLocale", "unknown_locale", "The default language must be one of the quiz's languages");

  // One namespace for questions, endings and hidden fields, so a jump target or a test is never ambiguous.
  const seen = new Map<string, string>();
  const claim = (key: string, path: string) => {
    const prior = seen.get(key);
    if (prior) error(path, "duplicate_key", `The key "${key}" is already used at ${prior}`);
    else seen.set(key, path);
  };
  def.questions.forEach((q, i) => claim(q.key, `questions.${i}.key`));
  def.endings.forEach((e, i) => claim(e.key, `endings.${i}.key`));
  def.hiddenFields.forEach((h, i) => claim(h.key, `hiddenFields.${i}.key`));

  const indexOf = new Map(def.questions.map((q, i) => [q.key, i] as const));
  const endingKeys = new Set(def.endings.map((e) => e.key));
  const hiddenKeys = new Set(def.hiddenFields.map((h) => h.key));

  const checkCondition = (cond: Condition, path: string, before: number, depth = 1) => {
    if (depth > MAX_CONDITION_DEPTH) return error(path, "condition_too_deep", `Nest conditions at most ${MAX_CONDITION_DEPTH} levels deep`);
    if ("all" in cond) return cond.all.forEach((c, i) => checkCondition(c, `${path}.all.${i}`, before, depth + 1));
    if ("any" in cond) return cond.any.forEach((c, i) => checkCondition(c, `${path}.any.${i}`, before, depth + 1));
    if ("not" in cond) return checkCondition(cond.not, `${path}.not`, before, depth + 1);
    if ("hidden" in cond) {
      if (!hiddenKeys.has(cond.hidden)) error(`${path}.hidden`, "unknown_hidden", `There is no hidden field "${cond.hidden}"`);
      return;
    }
    const at = indexOf.get(cond.answer);
    if (at === undefined) return error(`${path}.answer`, "unknown_reference", `There is no question "${cond.answer}"`);
    if (at >= before) return error(`${path}.answer`, "later_reference", `"${cond.answer}" is not asked before this point`);
    const q = def.questions[at]!;
    checkOperator(q, cond.op, cond.value, path);
  };

  const checkOperator = (q: Question, op: string, value: unknown, path: string) => {
    if (op === "answered" || op === "unanswered") return;
    if (value === undefined) return error(`${path}.value`, "bad_operator", `"${op}" needs a value`);
    if (listOps.has(op) && !isMultiple(q)) error(`${path}.op`, "bad_operator", `"${op}" works on questions with several answers; use "eq" or "in"`);
    if (numberOps.has(op) && q.type !== "scale") error(`${path}.op`, "bad_operator", `"${op}" compares numbers; "${q.key}" is not a scale`);
    if ((op === "eq" || op === "neq") && isMultiple(q)) error(`${path}.op`, "bad_operator", `"${q.key}" has several answers; use "includes" or "in"`);
    if (isChoice(q)) {
      const keys = new Set(q.options.map((o) => o.key));
      const values = Array.isArray(value) ? value : [value];
      values.forEach((v) => {
        if (!keys.has(String(v))) error(`${path}.value`, "unknown_option", `"${String(v)}" is not an option of "${q.key}"`);
      });
    }
  };

  const checkTrait = (trait: string, path: string, kind: "set" | "add" | "score" | "saveAs", value: unknown, q: Question) => {
    const spec = ctx.traits[trait];
    if (!spec) return error(path, "undefined_trait", `There is no trait "${trait}": define it under Traits first`);
    const mismatch = (msg: string) => error(path, "trait_type", msg);
    if (kind === "add" && spec.type !== "string_list") return mismatch(`"${trait}" is not a list, so nothing can be added to it`);
    if (kind === "score" && spec.type !== "number") return mismatch(`"${trait}" is not a number, so it cannot hold a score`);
    if (kind === "set") {
      const ok =
        (spec.type === "string" && typeof value === "string") ||
        (spec.type === "number" && typeof value === "number") ||
        (spec.type === "boolean" && typeof value === "boolean") ||
        (spec.type === "string_list" && typeof value === "string");
      if (!ok) return mismatch(`"${trait}" holds ${spec.type.replace("_", " ")} values`);
    }
    if (kind === "saveAs") {
      const answerType = isChoice(q) ? (isMultiple(q) ? "string_list" : "string") : q.type === "scale" ? "number" : "string";
      if (q.type === "email") return mismatch("An email answer becomes the profile's email, not a trait");
      if (answerType !== spec.type) return mismatch(`"${trait}" holds ${spec.type.replace("_", " ")} values; this answer is a ${answerType.replace("_", " ")}`);
      if (isChoice(q) && spec.allowedValues?.length) {
        q.options.forEach((o) => {
          if (!spec.allowedValues!.includes(o.key)) error(path, "trait_type", `Option "${o.key}" is not an allowed value of "${trait}"`);
        });
      }
      return;
    }
    if ((kind === "set" || kind === "add") && typeof value === "string" && spec.allowedValues?.length && !spec.allowedValues.includes(value)) {
      mismatch(`"${value}" is not an allowed value of "${trait}"`);
    }
  };

  let emailQuestions = 0;
  def.questions.forEach((q, i) => {
    const p = `questions.${i}`;
    if (q.showIf) checkCondition(q.showIf, `${p}.showIf`, i);
    q.jumps.forEach((j, ji) => {
      if (j.when) checkCondition(j.when, `${p}.jumps.${ji}.when`, i + 1);
      const target = indexOf.get(j.to);
      if (target === undefined && !endingKeys.has(j.to)) error(`${p}.jumps.${ji}.to`, "dangling_jump", `The jump goes to "${j.to}", which does not exist`);
      else if (target !== undefined && target <= i) error(`${p}.jumps.${ji}.to`, "backward_jump", "Jumps go forward only, so nobody is sent round in circles");
    });
    if (q.saveAs) checkTrait(q.saveAs, `${p}.saveAs`, "saveAs", undefined, q);
    if (isChoice(q)) {
      if (q.options.length < 2) error(`${p}.options`, "no_options", "Give at least two options");
      const keys = new Set<string>();
      q.options.forEach((o, oi) => {
        if (keys.has(o.key)) error(`${p}.options.${oi}.key`, "duplicate_key", `The option key "${o.key}" is used twice`);
        keys.add(o.key);
        if (q.type === "image_choice" && !o.imageUrl) error(`${p}.options.${oi}.imageUrl`, "image_missing", "Image choices need an image");
        o.effects.forEach((e, ei) => checkTrait(e.trait, `${p}.options.${oi}.effects.${ei}.trait`, e.op, e.op === "score" ? e.by : e.value, q));
      });
      if ("minSelected" in q && isMultiple(q)) {
        const min = q.minSelected ?? 0;
        const max = q.maxSelected ?? q.options.length;
        if (min > max) error(`${p}.minSelected`, "min_max", "The minimum is larger than the maximum");
        if (max > q.options.length) error(`${p}.maxSelected`, "min_max", "The maximum is larger than the number of options");
        if (q.required && min === 0 && q.minSelected !== undefined) warn(`${p}.minSelected`, "min_max", "A required question with a minimum of 0 accepts no answer");
      }
    }
    if (q.type === "scale") {
      if (q.min >= q.max) error(`${p}.max`, "scale_range", "The top of the scale must be above the bottom");
      else if (q.max - q.min > 10) error(`${p}.max`, "scale_range", "Use at most 11 points, so every point fits on a phone");
    }
    if (q.type === "email") {
      emailQuestions++;
      if (emailQuestions > 1) error(`${p}.type`, "email_twice", "Ask for the email once");
      if (ctx.purposes && !ctx.purposes.includes(q.purpose)) error(`${p}.purpose`, "unknown_purpose", `There is no consent purpose "${q.purpose}"`);
    }
  });
  def.endings.forEach((e, i) => {
    if (e.showIf) checkCondition(e.showIf, `endings.${i}.showIf`, def.questions.length);
  });

  for (const key of unreachableQuestions(def)) {
    error(`questions.${indexOf.get(key)}`, "unreachable", `Nobody can reach "${key}": every path jumps past it`);
  }
  for (const t of missingTexts(def)) {
    if (t.locale === def.defaultLocale) error(t.path, "missing_text", `Write this text in ${def.defaultLocale}`);
  }
  return issues;
}

/**
 * Questions no run can reach. Conditions are treated as "might hold either way": a question is
 * reachable when it follows a reachable one without an unconditional jump, or is a jump target.
 */
export function unreachableQuestions(def: QuizDefinition): string[] {
  const reachable = new Set<number>();
  const queue = def.questions.length ? [0] : [];
  const index = new Map(def.questions.map((q, i) => [q.key, i] as const));
  while (queue.length) {
    const i = queue.shift()!;
    if (reachable.has(i)) continue;
    reachable.add(i);
    const q = def.questions[i]!;
    let fallsThrough = true;
    for (const j of q.jumps) {
      const t = index.get(j.to);
      const valid = (t !== undefined && t > i) || def.endings.some((e) => e.key === j.to);
      if (t !== undefined && t > i) queue.push(t);
      // Like the runtime, an invalid jump is ignored rather than followed.
      if (!j.when && valid) {
        fallsThrough = false;
        break;
      }
    }
    // A question that may be hidden also lets the run fall through to the next one.
    if (fallsThrough && i + 1 < def.questions.length) queue.push(i + 1);
    if (q.showIf && i + 1 < def.questions.length) queue.push(i + 1);
  }
  return def.questions.filter((_, i) => !reachable.has(i)).map((q) => q.key);
}

export interface TextEntry {
  path: string;
  /** Where it is shown, for people ("Question skin_type · option dry"). */
  label: string;
  texts: Record<string, string>;
  /** Optional texts may stay empty. */
  optional: boolean;
}

/** Every translatable text of a definition, with where it sits. */
export function definitionTexts(def: QuizDefinition): TextEntry[] {
  const out: TextEntry[] = [];
  const add = (path: string, label: string, texts: Record<string, string> | undefined, optional = false) => {
    if (!texts && optional) return;
    out.push({ path, label, texts: texts ?? {}, optional });
  };
  add("title", "Quiz title", def.title);
  add("intro", "Introduction", def.intro, true);
  def.questions.forEach((q, i) => {
    const p = `questions.${i}`;
    add(`${p}.title`, `Question ${q.key}`, q.title);
    add(`${p}.description`, `Question ${q.key} · help text`, q.description, true);
    if (isChoice(q)) {
      q.options.forEach((o, oi) => {
        add(`${p}.options.${oi}.label`, `Question ${q.key} · option ${o.key}`, o.label);
        if (q.type === "image_choice") add(`${p}.options.${oi}.imageAlt`, `Question ${q.key} · image text ${o.key}`, o.imageAlt, true);
      });
    }
    if (q.type === "scale") {
      add(`${p}.minLabel`, `Question ${q.key} · low end`, q.minLabel, true);
      add(`${p}.maxLabel`, `Question ${q.key} · high end`, q.maxLabel, true);
    }
    if (q.type === "email" && q.marketingOptIn.enabled) add(`${p}.marketingOptIn.label`, `Question ${q.key} · marketing box`, q.marketingOptIn.label, true);
  });
  def.endings.forEach((e, i) => {
    add(`endings.${i}.title`, `Ending ${e.key}`, e.title);
    add(`endings.${i}.body`, `Ending ${e.key} · text`, e.body, true);
    if (e.cta) add(`endings.${i}.cta.label`, `Ending ${e.key} · button`, e.cta.label);
  });
  return out;
}

export interface MissingText {
  path: string;
  label: string;
  locale: string;
  /** The text in the default language, to translate from. */
  source: string;
}

/** Texts not yet written in some language of the quiz (the default language first). */
export function missingTexts(def: QuizDefinition): MissingText[] {
  const locales = [def.defaultLocale, ...def.locales.filter((l) => l !== def.defaultLocale)];
  const out: MissingText[] = [];
  for (const entry of definitionTexts(def)) {
    const source = entry.texts[def.defaultLocale] ?? "";
    for (const locale of locales) {
      // Texts left empty in the default language need no translation (and optional ones may stay empty).
      if (!source.trim() && (locale !== def.defaultLocale || entry.optional)) continue;
      if (!(entry.texts[locale] ?? "").trim()) out.push({ path: entry.path, label: entry.label, locale, source });
    }
  }
  return out;
}

/** Translation progress per language: how many of the texts are written. */
export function translationCoverage(def: QuizDefinition): { locale: string; done: number; total: number }[] {
  const missing = missingTexts(def);
  const entries = definitionTexts(def);
  return def.locales.map((locale) => {
    const total = entries.filter((e) => (e.texts[def.defaultLocale] ?? "").trim() || (locale === def.defaultLocale && !e.optional)).length;
    return { locale, total, done: total - missing.filter((m) => m.locale === locale).length };
  });
}
