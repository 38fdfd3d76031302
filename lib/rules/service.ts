import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError, parseInput } from "@/lib/core/errors";
import { listTraitDefinitions } from "@/lib/traits/service";
import { listPurposes } from "@/lib/consent/service";
import { loadConfig } from "@/lib/preferences/service";
import { visibleChannels } from "@/lib/preferences/state";
import type { CompileVocabulary } from "./compile";
import { ruleSchema, type Rule } from "./schema";
import { validateRule, type RuleScope, type RuleVocabulary } from "./validate";

export interface WorkspaceVocabulary {
  /** For validation and the editor. */
  rule: RuleVocabulary;
  /** For the SQL compiler (ids and defaults). */
  compile: CompileVocabulary;
}

/**
 * What rules may name in a workspace: trait definitions (archived ones too — they still hold
 * values), live topics with the channels people can see, and consent purposes.
 */
export async function loadVocabulary(db: Db, workspaceId: string): Promise<WorkspaceVocabulary> {
  const [defs, config, purposes] = await Promise.all([
    listTraitDefinitions(db, workspaceId, { includeArchived: true }),
    loadConfig(db, workspaceId),
    listPurposes(db, workspaceId, { includeArchived: true }),
  ]);
  const topics = config.topics.map((t) => ({ topic: t, channels: visibleChannels(t, config.enabledChannels) }));
  return {
    rule: {
      traits: Object.fromEntries(
        defs.map((d) => [
          d.key,
          {
            type: d.type,
            label: d.label,
            purpose: d.purpose,
            allowedValues: d.allowedValues?.map((v) => v.value) ?? null,
            valueLabels: Object.fromEntries((d.allowedValues ?? []).map((v) => [v.value, v.label])),
          },
        ]),
      ),
      topics: Object.fromEntries(topics.map(({ topic, channels }) => [topic.key, { channels, frequencies: topic.frequencies }])),
      purposes: purposes.map((p) => p.key),
    },
    compile: {
      traits: Object.fromEntries(defs.map((d) => [d.key, { id: d.id, type: d.type, purpose: d.purpose }])),
      topics: Object.fromEntries(
        topics.map(({ topic, channels }) => [topic.key, { id: topic.id, channels, defaults: topic.defaults, transactional: topic.transactional }]),
      ),
    },
  };
}

/**
 * Parse and check a rule for saving: shape and size limits, then the vocabulary. Problems are one
 * `validation_failed` error with a field per bad node, at `field` + the node's path.
 */
export function checkRule(input: unknown, vocab: RuleVocabulary, opts: { scope?: RuleScope; field?: string } = {}): Rule {
  const field = opts.field ?? "rule";
  const rule = parseInput(ruleSchema, input, field.split("."));
  const errors = validateRule(rule, vocab, opts.scope ?? "profile", field);
  if (errors.length > 0) throw new AppError("validation_failed", `${errors[0]!.path}: ${errors[0]!.message}`, { fields: errors });
  return rule;
}
