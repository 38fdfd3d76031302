"use server";

import { authorizeMember } from "@/lib/auth/guards";
import { toAppError } from "@/lib/core/errors";
import { countRule, testRule } from "@/lib/segments/service";
import { findPreviewProfile } from "@/lib/personalization/service";
import { describeTrace } from "@/lib/rules/describe";
import type { PreviewFailure, RuleCount, RuleTest } from "@/components/personalization/preview-types";

function failure(err: unknown): PreviewFailure {
  const e = toAppError(err);
  if (e.code === "internal") console.error("[personalization preview]", err);
  return { ok: false, error: e.message, errors: e.fields };
}

function parse(json: string): unknown {
  return json.trim() ? JSON.parse(json) : { all: [] };
}

/** Live count while a rule is edited: how many active profiles it matches now (consent-gated). */
export async function countRuleAction(workspaceSlug: string, ruleJson: string): Promise<RuleCount | PreviewFailure> {
  try {
    const { db, workspace } = await authorizeMember(workspaceSlug, "viewer");
    const { count } = await countRule(db, workspace.id, parse(ruleJson));
    return { ok: true, count };
  } catch (err) {
    return failure(err);
  }
}

/** "Test this against a profile": the rule's answer for one person and the facts that decided it. */
export async function testRuleAction(workspaceSlug: string, ruleJson: string, profileRef: string): Promise<RuleTest | PreviewFailure> {
  try {
    const { db, workspace } = await authorizeMember(workspaceSlug, "viewer");
    const profile = await findPreviewProfile(db, workspace.id, profileRef);
    const ev = await testRule(db, workspace.id, parse(ruleJson), profile.id);
    return {
      ok: true,
      profile,
      result: ev.result,
      trace: ev.trace.map((t) => ({ text: describeTrace(t), result: t.result, withheldBy: t.withheldBy ?? null })),
      withheld: ev.withheld,
    };
  } catch (err) {
    return failure(err);
  }
}
