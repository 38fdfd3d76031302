"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function AnalyticsError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Alert tone="danger" title="The figures could not be loaded" live>
      <p>Something went wrong while adding them up. Try again; if it keeps failing, a shorter date range may help.</p>
      <Button type="button" variant="secondary" size="sm" className="mt-3" onClick={reset}>
        Try again
      </Button>
    </Alert>
  );
}
