import { Alert } from "@/components/ui/alert";
import { RangeForm, type RangeFormProps } from "@/components/analytics/range-form";

/** The page when the range in the URL cannot be used: the form with its field errors, and no figures. */
export function InvalidRangePage({ form, errors }: { form: RangeFormProps; errors: { from?: string; to?: string } }) {
  return (
    <div className="grid grid-cols-1 gap-6">
      <RangeForm {...form} />
      <Alert tone="warning" title="Choose another date range">
        {[errors.from, errors.to].filter(Boolean).join(". ") || "The dates are not valid."}
      </Alert>
    </div>
  );
}
