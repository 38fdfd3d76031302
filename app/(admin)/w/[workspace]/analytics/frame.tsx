import { Suspense, type ReactNode } from "react";
import type { DateRange } from "@/lib/analytics/schemas";
import { Alert } from "@/components/ui/alert";
import { RangeForm } from "@/components/analytics/range-form";
import { FiguresLoading } from "@/components/analytics/figures-loading";
import type { AnalyticsPage } from "./context";

/**
 * Every analytics page: the range form, then its figures, which stream in under a loading state.
 * A range that cannot be used shows the form with its field errors and no figures. Whatever the
 * page checked before rendering this (an unknown id → 404) decided the status already.
 */
export function AnalyticsFrame({ page, children }: { page: AnalyticsPage; children: (range: DateRange) => ReactNode }) {
  const { range, errors } = page;
  return (
    <div className="grid grid-cols-1 gap-6">
      <RangeForm {...page.form} />
      {range ? (
        <Suspense fallback={<FiguresLoading />}>{children(range)}</Suspense>
      ) : (
        <Alert tone="warning" title="Choose another date range">
          {[errors.from, errors.to].filter(Boolean).join(". ") || "The dates are not valid."}
        </Alert>
      )}
    </div>
  );
}
