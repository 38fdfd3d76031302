/** @jsxImportSource preact */
import "server-only";
import { DataPage } from "@/components/preferences/data-page";
import type { WhatWeKnow } from "@/lib/profiles/what-we-know";
import { pageUrl } from "@/lib/preferences/urls";
import { render, type PageContext } from "../../page-context";

export function dataView(ctx: PageContext, p: { data: WhatWeKnow; token: string; status: string[]; errors: { field?: string; message: string }[] }, code = 200) {
  return render(
    <DataPage
      t={ctx.t}
      brand={ctx.brand}
      locale={ctx.locale}
      locales={ctx.locales}
      hrefFor={ctx.hrefFor}
      data={p.data}
      action={pageUrl("data", ctx.ws.slug, { lang: ctx.locale })}
      token={p.token}
      backHref={pageUrl("center", ctx.ws.slug, { t: p.token, lang: ctx.locale })}
      status={p.status}
      errors={p.errors}
    />,
    code,
  );
}
