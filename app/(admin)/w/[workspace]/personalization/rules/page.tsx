import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { RuleWorkbench } from "@/components/personalization/rule-workbench";
import { VocabularyReference } from "@/components/personalization/vocabulary-reference";
import { requireMember } from "@/lib/auth/guards";
import { loadVocabulary } from "@/lib/rules/service";
import { countRuleAction, testRuleAction } from "../actions";

export const metadata: Metadata = { title: "Rule tester" };

export default async function RuleTesterPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { db, workspace } = await requireMember((await params).workspace);
  const vocab = await loadVocabulary(db, workspace.id);
  return (
    <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
      <Card>
        <CardHeader>
          <CardTitle>Rule tester</CardTitle>
          <CardDescription>Write a rule as bundles, flows and segments use it: see how many profiles match now, and test it against one person to see the facts that decide.</CardDescription>
        </CardHeader>
        <CardContent>
          <RuleWorkbench vocab={vocab.rule} initial={null} count={countRuleAction.bind(null, workspace.slug)} test={testRuleAction.bind(null, workspace.slug)} />
        </CardContent>
      </Card>
      <VocabularyReference vocab={vocab.rule} />
    </div>
  );
}
