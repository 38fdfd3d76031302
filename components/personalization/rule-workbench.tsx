"use client";

import { useEffect, useId, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { Rule } from "@/lib/rules/schema";
import type { RuleVocabulary } from "@/lib/rules/validate";
import { RuleEditor, ruleProblems } from "./rule-editor";
import type { PreviewFailure, RuleCount, RuleTest } from "./preview-types";
import { TraceList } from "./trace-list";

export type CountAction = (ruleJson: string) => Promise<RuleCount | PreviewFailure>;
export type TestAction = (ruleJson: string, profileRef: string) => Promise<RuleTest | PreviewFailure>;

/** How many profiles match, refreshed a moment after each change (never for a rule with problems). */
export function LiveCount({ rule, vocab, count }: { rule: Rule | null; vocab: RuleVocabulary; count: CountAction }) {
  const [answer, setAnswer] = useState<RuleCount | PreviewFailure | null>(null);
  const [pending, start] = useTransition();
  const json = JSON.stringify(rule ?? { all: [] });
  const valid = ruleProblems(rule, vocab).length === 0;
  useEffect(() => {
    if (!valid) return;
    const timer = setTimeout(() => start(async () => setAnswer(await count(json))), 400);
    return () => clearTimeout(timer);
  }, [json, valid, count]);
  return (
    <p className="text-sm" aria-live="polite">
      {!valid ? (
        <span className="text-muted-foreground">Fix the rule to see how many people it matches.</span>
      ) : pending || !answer ? (
        <span className="text-muted-foreground">Counting…</span>
      ) : answer.ok ? (
        <>
          <strong className="text-base">{answer.count.toLocaleString("en")}</strong> {answer.count === 1 ? "profile matches" : "profiles match"} now
          <span className="text-muted-foreground"> (traits count only where their consent purpose is granted)</span>
        </>
      ) : (
        <span className="text-danger">{answer.error}</span>
      )}
    </p>
  );
}

/** "Test this against a profile": the rule's answer for one person, with the facts that decided it. */
export function ProfileTest({ rule, test, title = "Test against a profile" }: { rule: Rule | null; test: TestAction; title?: string }) {
  const id = useId();
  const [ref, setRef] = useState("");
  const [answer, setAnswer] = useState<RuleTest | PreviewFailure | null>(null);
  const [pending, start] = useTransition();
  const run = () => {
    if (ref.trim()) start(async () => setAnswer(await test(JSON.stringify(rule ?? { all: [] }), ref)));
  };
  return (
    <section aria-labelledby={`${id}-title`} className="grid gap-3 rounded-md border border-border p-3">
      <h3 id={`${id}-title`} className="text-sm font-semibold">
        {title}
      </h3>
      {/* Not a form: the tester sits inside other forms (segment, bundle, flow editors). */}
      <div className="flex flex-wrap items-end gap-2">
        <div className="grid min-w-64 flex-1 gap-1">
          <label htmlFor={`${id}-profile`} className="text-sm font-medium">
            Email, external id or profile id
          </label>
          <Input
            id={`${id}-profile`}
            value={ref}
            onChange={(e) => setRef(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                run();
              }
            }}
            placeholder="dana@example.com"
          />
        </div>
        <Button variant="secondary" disabled={pending || !ref.trim()} onClick={run}>
          {pending ? "Testing…" : "Test"}
        </Button>
      </div>
      {answer ? (
        answer.ok ? (
          <div className="grid gap-2" aria-live="polite">
            <p className="text-sm">
              For <strong>{answer.profile.label}</strong> the rule {answer.result ? <strong className="text-green-800">holds</strong> : <strong>does not hold</strong>}. Deciding facts:
            </p>
            <TraceList lines={answer.trace} label="Deciding facts" />
            {answer.withheld.length ? (
              <Alert tone="warning">
                Computed without {answer.withheld.map((w) => `${w.trait} (no ${w.purpose} consent)`).join(", ")}: personalization falls back to the generic result for this person.
              </Alert>
            ) : null}
          </div>
        ) : (
          <Alert tone="danger" live>
            {answer.error}
          </Alert>
        )
      ) : null}
    </section>
  );
}

/** A rule editor with its live count and a profile test: the rule tester and the segment editor. */
export function RuleWorkbench(props: { vocab: RuleVocabulary; initial: Rule | null; count: CountAction; test: TestAction; name?: string; label?: string; onChange?: (rule: Rule | null) => void }) {
  const [rule, setRule] = useState<Rule | null>(props.initial);
  return (
    <div className="grid gap-4">
      <RuleEditor
        value={rule}
        onChange={(r) => {
          setRule(r);
          props.onChange?.(r);
        }}
        vocab={props.vocab}
        label={props.label ?? "Rule"}
        emptyLabel="No conditions: everyone matches."
        name={props.name}
      />
      <LiveCount rule={rule} vocab={props.vocab} count={props.count} />
      <ProfileTest rule={rule} test={props.test} />
    </div>
  );
}
