"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import type { ImportReport } from "@/lib/catalog/schemas";

export type ImportState = { ok: true; report: ImportReport } | { ok: false; error: string } | null;

/** Upload a catalog file; the validation report says what was imported and every row that was not, and why. */
export function CatalogImportForm({ action }: { action: (prev: ImportState, formData: FormData) => Promise<ImportState> }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <div className="grid gap-4">
      <form action={formAction} className="grid gap-4 sm:grid-cols-[1fr_auto_auto] sm:items-end">
        <Field id="catalog-file" label="File" hint="CSV with columns sku, name, price, currency (and description, image_url, product_url, category, in_stock, attr.<key> with | between list values), or a JSON array of products.">
          <input name="file" type="file" accept=".csv,.json,text/csv,application/json" className="text-sm" required />
        </Field>
        <Field id="catalog-format" label="Format">
          <NativeSelect name="format" defaultValue="auto">
            <option value="auto">From the file name</option>
            <option value="csv">CSV</option>
            <option value="json">JSON</option>
          </NativeSelect>
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Importing…" : "Import"}
        </Button>
      </form>
      {state ? (
        state.ok ? (
          <div className="grid gap-3" aria-live="polite">
            <Alert tone={state.report.rejected.length ? "warning" : "success"} title="Import finished">
              {state.report.rows} rows: {state.report.created} added, {state.report.updated} updated, {state.report.unchanged} unchanged, {state.report.rejected.length} held back.
            </Alert>
            {state.report.rejected.length ? (
              <table className="w-full text-sm">
                <caption className="text-left font-medium">Rows not imported</caption>
                <thead>
                  <tr className="text-left">
                    <th scope="col" className="py-1 pr-3">
                      Row
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      SKU
                    </th>
                    <th scope="col" className="py-1">
                      Why
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {state.report.rejected.map((r) => (
                    <tr key={r.row} className="border-t border-border align-top">
                      <td className="py-1 pr-3">{r.row}</td>
                      <td className="py-1 pr-3 font-mono text-xs">{r.sku ?? "—"}</td>
                      <td className="py-1">{r.errors.map((e) => `${e.field}: ${e.message}`).join("; ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </div>
        ) : (
          <Alert tone="danger" live>
            {state.error}
          </Alert>
        )
      ) : null}
    </div>
  );
}
