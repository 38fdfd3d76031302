/** @jsxImportSource preact */
import "server-only";
import { ExpiredLinkPage, GonePage, LinkRequestPage } from "@/components/preferences/link-pages";
import { PreferenceCenterPage } from "@/components/preferences/preference-center-page";
import type { PreferenceCenterModel } from "@/lib/preferences/page-model";
import { pageUrl } from "@/lib/preferences/urls";
import { render, type PageContext } from "../page-context";

type Errors = { field?: string; message: string }[];

export function centerView(ctx: PageContext, p: { model: PreferenceCenterModel; token: string; status: string[]; errors: Errors; gpcHonoured: boolean; now: Date }, code = 200) {
  const slug = ctx.ws.slug;
  const withToken = { t: p.token, lang: ctx.locale };
  return render(
    <PreferenceCenterPage
      t={ctx.t}
      brand={ctx.brand}
      model={p.model}
      action={pageUrl("center", slug, { lang: ctx.locale })}
      token={p.token}
      hrefFor={ctx.hrefFor}
      links={{ data: pageUrl("data", slug, withToken), export: pageUrl("dataExport", slug, withToken), delete: pageUrl("dataDelete", slug, withToken) }}
      status={p.status}
      errors={p.errors}
      gpcHonoured={p.gpcHonoured}
      today={p.now.toISOString().slice(0, 10)}
    />,
    code,
  );
}

export function linkRequestView(ctx: PageContext, p: { variant?: "request" | "invalid"; status?: string[]; errors?: Errors; email?: string }, code = 200) {
  return render(
    <LinkRequestPage
      t={ctx.t}
      brand={ctx.brand}
      locale={ctx.locale}
      locales={ctx.locales}
      hrefFor={(l) => pageUrl("center", ctx.ws.slug, { lang: l })}
      action={pageUrl("center", ctx.ws.slug, { lang: ctx.locale })}
      variant={p.variant}
      status={p.status ?? []}
      errors={p.errors ?? []}
      email={p.email}
    />,
    code,
  );
}

export function expiredView(ctx: PageContext, p: { token: string; status?: string[] }, code = 410) {
  return render(
    <ExpiredLinkPage
      t={ctx.t}
      brand={ctx.brand}
      locale={ctx.locale}
      locales={ctx.locales}
      hrefFor={ctx.hrefFor}
      action={pageUrl("center", ctx.ws.slug, { lang: ctx.locale })}
      token={p.token}
      status={p.status ?? []}
    />,
    code,
  );
}

export function goneView(ctx: PageContext) {
  return render(<GonePage t={ctx.t} brand={ctx.brand} locale={ctx.locale} locales={ctx.locales} hrefFor={ctx.hrefFor} />, 410);
}
