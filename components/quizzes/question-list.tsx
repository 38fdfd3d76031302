"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { localize, type QuizDefinition } from "@/lib/quizzes/definition";
import { questionTypeLabel } from "@/lib/quizzes/edit";
import { cn } from "@/lib/utils";

/**
 * The questions in order. Reorder by dragging (native drag and drop), with the Up/Down buttons,
 * or from the keyboard with Alt+Arrow keys on a question; every move is announced.
 */
export function QuestionList(props: {
  def: QuizDefinition;
  locale: string;
  selected: number | null;
  errorsByQuestion: Map<number, number>;
  onSelect: (index: number) => void;
  onMove: (from: number, to: number) => void;
  disabled?: boolean;
}) {
  const { def } = props;
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const move = (from: number, to: number) => {
    if (to < 0 || to >= def.questions.length || from === to) return;
    const key = def.questions[from]!.key;
    props.onMove(from, to);
    setAnnouncement(`Moved ${key} to position ${to + 1} of ${def.questions.length}`);
    // Keep focus on the moved question so repeated Alt+Arrow presses keep moving it.
    requestAnimationFrame(() => buttons.current[to]?.focus());
  };

  return (
    <div className="grid gap-2">
      <p className="text-xs text-muted-foreground" id="question-list-help">
        Drag to reorder, or focus a question and press Alt+↑ / Alt+↓.
      </p>
      <ol className="grid min-w-0 gap-1.5" aria-describedby="question-list-help">
        {def.questions.map((q, i) => {
          const title = localize(q.title, props.locale, def.defaultLocale) || q.key;
          const errors = props.errorsByQuestion.get(i) ?? 0;
          return (
            <li
              key={q.key}
              draggable={!props.disabled}
              onDragStart={(e) => {
                setDragging(i);
                e.dataTransfer.effectAllowed = "move";
                e.dataTransfer.setData("text/plain", q.key);
              }}
              onDragOver={(e) => {
                if (dragging === null) return;
                e.preventDefault();
                setOver(i);
              }}
              onDragLeave={() => setOver((o) => (o === i ? null : o))}
              onDrop={(e) => {
                e.preventDefault();
                if (dragging !== null) move(dragging, i);
                setDragging(null);
                setOver(null);
              }}
              onDragEnd={() => {
                setDragging(null);
                setOver(null);
              }}
              className={cn(
                "flex min-w-0 items-center gap-1 rounded-md border bg-background",
                props.selected === i ? "border-brand ring-1 ring-brand" : "border-border",
                over === i && dragging !== null && dragging !== i ? "border-dashed border-brand" : "",
                dragging === i ? "opacity-50" : "",
              )}
            >
              <span aria-hidden="true" className="cursor-grab px-1.5 text-muted-foreground select-none">
                ⋮⋮
              </span>
              <button
                ref={(el) => {
                  buttons.current[i] = el;
                }}
                type="button"
                className="min-w-0 flex-1 py-2 text-left text-sm focus-visible:outline-2 focus-visible:outline-ring"
                title={title}
                aria-current={props.selected === i ? "true" : undefined}
                onClick={() => props.onSelect(i)}
                onKeyDown={(e) => {
                  if (!e.altKey || props.disabled) return;
                  if (e.key === "ArrowUp") {
                    e.preventDefault();
                    move(i, i - 1);
                  } else if (e.key === "ArrowDown") {
                    e.preventDefault();
                    move(i, i + 1);
                  }
                }}
              >
                <span className="block truncate font-medium">
                  {i + 1}. {title}
                </span>
                <span className="block truncate text-xs text-muted-foreground">
                  {q.key} · {questionTypeLabel(q.type)}
                  {q.showIf || q.jumps.length ? " · branching" : ""}
                </span>
              </button>
              {errors ? (
                <Badge tone="danger" className="shrink-0">
                  {errors} {errors === 1 ? "error" : "errors"}
                </Badge>
              ) : null}
              <div className="flex shrink-0">
                <Button variant="ghost" size="sm" disabled={props.disabled || i === 0} onClick={() => move(i, i - 1)} aria-label={`Move ${q.key} up`}>
                  ↑
                </Button>
                <Button variant="ghost" size="sm" disabled={props.disabled || i === def.questions.length - 1} onClick={() => move(i, i + 1)} aria-label={`Move ${q.key} down`}>
                  ↓
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
