import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { RULE_LIMITS, valueOps } from "@/lib/rules/schema";
import type { RuleVocabulary } from "@/lib/rules/validate";

const typeWords = { string: "text", number: "number", boolean: "yes / no", string_list: "list" } as const;

/** What rules can name in this workspace, and the language's limits: beside every rule editor. */
export function VocabularyReference({ vocab }: { vocab: RuleVocabulary }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h3">What rules can use</CardTitle>
        <CardDescription>
          Ops: {valueOps.join(", ")}. At most {RULE_LIMITS.maxDepth} levels and {RULE_LIMITS.maxNodes} conditions. A trait that is missing, or hidden for lack of consent, matches nothing.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4 text-sm">
        <section>
          <h4 className="font-medium">Traits</h4>
          <ul className="mt-1 grid gap-1">
            {Object.entries(vocab.traits).map(([key, t]) => (
              <li key={key}>
                <span className="font-mono text-xs">{key}</span> — {typeWords[t.type]}
                {t.allowedValues ? `: ${t.allowedValues.join(", ")}` : ""} <span className="text-muted-foreground">({t.purpose})</span>
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h4 className="font-medium">Topics</h4>
          <ul className="mt-1 grid gap-1">
            {Object.entries(vocab.topics).map(([key, t]) => (
              <li key={key}>
                <span className="font-mono text-xs">{key}</span> — {t.channels.join(", ")}
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h4 className="font-medium">Consent purposes</h4>
          <p className="mt-1 font-mono text-xs">{vocab.purposes.join(", ")}</p>
        </section>
      </CardContent>
    </Card>
  );
}
