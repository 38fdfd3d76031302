"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { condition as conditionSchema, isChoice, isMultiple, localize, type Condition, type ComparisonOp, type QuizDefinition } from "@/lib/quizzes/definition";

type Leaf = Extract<Condition, { op: ComparisonOp }>;

const opLabels: Record<ComparisonOp, string> = {
  eq: "is",
  neq: "is not",
  in: "is any of",
  nin: "is none of",
  includes: "includes all of",
  excludes: "includes none of",
  gt: "is more than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  answered: "was answered",
  unanswered: "was skipped",
};

const isLeaf = (c: Condition): c is Leaf => "op" in c;

/** Conditions the form can show: one test, or all / any of several tests. Deeper trees are edited as JSON. */
function asRows(c: Condition | undefined): { mode: "all" | "any"; rows: Leaf[] } | null {
  if (!c) return { mode: "all", rows: [] };
  if (isLeaf(c)) return { mode: "all", rows: [c] };
  if ("all" in c && c.all.every(isLeaf)) return { mode: "all", rows: c.all as Leaf[] };
  if ("any" in c && c.any.every(isLeaf)) return { mode: "any", rows: c.any as Leaf[] };
  return null;
}

function fromRows(mode: "all" | "any", rows: Leaf[]): Condition | undefined {
  if (rows.length === 0) return undefined;
  if (rows.length === 1) return rows[0];
  return mode === "all" ? { all: rows } : { any: rows };
}

/**
 * Edit a branching condition over earlier answers and hidden fields. `before` is how many
 * questions precede the point the condition is checked (only those can be tested).
 */
export function ConditionEditor(props: {
  def: QuizDefinition;
  before: number;
  value: Condition | undefined;
  onChange: (next: Condition | undefined) => void;
  locale: string;
  label: string;
  emptyLabel: string;
  disabled?: boolean;
}) {
  const id = useId();
  const { def } = props;
  const shape = asRows(props.value);
  const [json, setJson] = useState<string | null>(null);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const questions = def.questions.slice(0, props.before);
  const sources = [...questions.map((q) => ({ value: `answer:${q.key}`, label: `Answer to “${localize(q.title, props.locale, def.defaultLocale) || q.key}”` })), ...def.hiddenFields.map((h) => ({ value: `hidden:${h.key}`, label: `Hidden field ${h.key}` }))];

  if (!shape || json !== null) {
    const text = json ?? JSON.stringify(props.value, null, 2);
    return (
      <div className="grid gap-2">
        <label htmlFor={`${id}-json`} className="text-sm font-medium">
          {props.label} (JSON)
        </label>
        <Textarea
          id={`${id}-json`}
          value={text}
          rows={6}
          className="font-mono text-xs"
          disabled={props.disabled}
          aria-describedby={jsonError ? `${id}-json-error` : undefined}
          onChange={(e) => {
            setJson(e.target.value);
            try {
              const parsed = e.target.value.trim() ? conditionSchema.parse(JSON.parse(e.target.value)) : undefined;
              setJsonError(null);
              props.onChange(parsed);
            } catch (err) {
              setJsonError(err instanceof Error ? err.message.slice(0, 200) : "Not a condition");
            }
          }}
        />
        {jsonError ? (
          <p id={`${id}-json-error`} className="text-sm text-danger">
            {jsonError}
          </p>
        ) : null}
        {asRows(props.value) ? (
          <Button variant="link" onClick={() => setJson(null)}>
            Back to the form
          </Button>
        ) : null}
      </div>
    );
  }

  const set = (rows: Leaf[], mode = shape.mode) => props.onChange(fromRows(mode, rows));
  const update = (i: number, leaf: Leaf) => set(shape.rows.map((r, j) => (j === i ? leaf : r)));

  return (
    <fieldset className="grid min-w-0 gap-2 rounded-md border border-border p-3" disabled={props.disabled}>
      <legend className="px-1 text-sm font-medium">{props.label}</legend>
      {shape.rows.length === 0 ? <p className="text-sm text-muted-foreground">{props.emptyLabel}</p> : null}
      {shape.rows.length > 1 ? (
        <div className="flex items-center gap-2 text-sm">
          <label htmlFor={`${id}-mode`}>Match</label>
          <NativeSelect id={`${id}-mode`} value={shape.mode} onChange={(e) => set(shape.rows, e.target.value as "all" | "any")} className="h-8 w-auto">
            <option value="all">all of these</option>
            <option value="any">any of these</option>
          </NativeSelect>
        </div>
      ) : null}
      {shape.rows.map((row, i) => {
        const source = "answer" in row ? `answer:${row.answer}` : `hidden:${row.hidden}`;
        const q = "answer" in row ? def.questions.find((x) => x.key === row.answer) : undefined;
        const ops: ComparisonOp[] = !q
          ? ["eq", "neq", "in", "nin", "answered", "unanswered"]
          : isMultiple(q)
            ? ["includes", "excludes", "in", "nin", "answered", "unanswered"]
            : q.type === "scale"
              ? ["eq", "neq", "gt", "gte", "lt", "lte", "answered", "unanswered"]
              : isChoice(q)
                ? ["eq", "neq", "in", "nin", "answered", "unanswered"]
                : ["eq", "neq", "answered", "unanswered"];
        const listValue = row.op === "in" || row.op === "nin" || row.op === "includes" || row.op === "excludes";
        const values = Array.isArray(row.value) ? row.value.map(String) : row.value === undefined ? [] : [String(row.value)];
        const setValue = (v: Leaf["value"]) => update(i, { ...row, value: v } as Leaf);
        return (
          <div key={i} className="grid grid-cols-2 items-start gap-2 rounded-md bg-muted/40 p-2">
            <NativeSelect
              className="col-span-2"
              aria-label={`Test ${i + 1}: what to check`}
              value={source}
              onChange={(e) => {
                const [kind, key] = e.target.value.split(":") as ["answer" | "hidden", string];
                update(i, kind === "answer" ? { answer: key, op: "answered" } : { hidden: key, op: "eq", value: "" });
              }}
            >
              {sources.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              aria-label={`Test ${i + 1}: comparison`}
              value={row.op}
              onChange={(e) => {
                const op = e.target.value as ComparisonOp;
                const wantsList = op === "in" || op === "nin" || op === "includes" || op === "excludes";
                const value = op === "answered" || op === "unanswered" ? undefined : wantsList ? values : values[0] ?? (q?.type === "scale" ? q.min : q && isChoice(q) ? q.options[0]?.key : "");
                update(i, { ...row, op, value } as Leaf);
              }}
            >
              {ops.map((op) => (
                <option key={op} value={op}>
                  {opLabels[op]}
                </option>
              ))}
            </NativeSelect>
            <div>
              {row.op === "answered" || row.op === "unanswered" ? null : q && isChoice(q) ? (
                listValue ? (
                  <fieldset className="grid min-w-0 gap-1">
                    <legend className="sr-only">Test {i + 1}: options</legend>
                    {q.options.map((o) => (
                      <label key={o.key} className="flex items-center gap-2 text-sm">
                        <input
                          type="checkbox"
                          checked={values.includes(o.key)}
                          onChange={(e) => setValue(e.target.checked ? [...values, o.key] : values.filter((v) => v !== o.key))}
                        />
                        {localize(o.label, props.locale, def.defaultLocale) || o.key}
                      </label>
                    ))}
                  </fieldset>
                ) : (
                  <NativeSelect aria-label={`Test ${i + 1}: option`} value={values[0] ?? ""} onChange={(e) => setValue(e.target.value)}>
                    {q.options.map((o) => (
                      <option key={o.key} value={o.key}>
                        {localize(o.label, props.locale, def.defaultLocale) || o.key}
                      </option>
                    ))}
                  </NativeSelect>
                )
              ) : q?.type === "scale" ? (
                <Input aria-label={`Test ${i + 1}: number`} type="number" min={q.min} max={q.max} value={values[0] ?? ""} onChange={(e) => setValue(Number(e.target.value))} />
              ) : (
                <Input
                  aria-label={`Test ${i + 1}: value${listValue ? "s, separated by commas" : ""}`}
                  value={values.join(", ")}
                  onChange={(e) => setValue(listValue ? e.target.value.split(",").map((v) => v.trim()).filter(Boolean) : e.target.value)}
                />
              )}
            </div>
            <Button variant="ghost" size="sm" className="col-span-2 justify-self-start" onClick={() => set(shape.rows.filter((_, j) => j !== i))} aria-label={`Remove test ${i + 1}`}>
              Remove
            </Button>
          </div>
        );
      })}
      <div className="flex flex-wrap gap-2">
        {sources.length ? (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              const first = sources[0]!.value.split(":") as ["answer" | "hidden", string];
              set([...shape.rows, first[0] === "answer" ? { answer: first[1], op: "answered" } : { hidden: first[1], op: "eq", value: "" }]);
            }}
          >
            Add a test
          </Button>
        ) : (
          <p className="text-sm text-muted-foreground">Conditions can test earlier answers and hidden fields; there are none before this point.</p>
        )}
        <Button variant="link" size="sm" onClick={() => setJson(JSON.stringify(props.value ?? { all: [] }, null, 2))}>
          Edit as JSON
        </Button>
      </div>
    </fieldset>
  );
}
