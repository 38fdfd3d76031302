/** @jsxImportSource preact */
import "server-only";
import { ActionPage } from "@/components/preferences/action-pages";
import { render, type PageContext } from "../page-context";

/** A confirm-then-act page (unsubscribe, double opt-in, deletion) or its outcome. */
export function actionView(
  ctx: PageContext,
  p: {
    title: string;
    body: string;
    form: { action: string; fields: Record<string, string>; button: string; danger?: boolean } | null;
    link?: { href: string; label: string };
  },
  code = 200,
) {
  return render(<ActionPage t={ctx.t} brand={ctx.brand} locale={ctx.locale} locales={ctx.locales} hrefFor={ctx.hrefFor} {...p} />, code);
}
