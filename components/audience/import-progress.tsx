"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Progress } from "@/components/ui/progress";

interface Snapshot {
  status: string;
  totalRows: number;
  processedRows: number;
  importedRows: number;
  flaggedRows: number;
  errorRows: number;
}

/** Polls the job while it runs and refreshes the page (with its report) once it ends. */
export function ImportProgress({ statusUrl, initial }: { statusUrl: string; initial: Snapshot }) {
  const router = useRouter();
  const [snap, setSnap] = useState(initial);
  const running = snap.status === "queued" || snap.status === "running";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(async () => {
      const res = await fetch(statusUrl, { cache: "no-store" }).catch(() => null);
      if (!res?.ok) return;
      const next = (await res.json()) as Snapshot;
      setSnap(next);
      if (next.status !== "queued" && next.status !== "running") router.refresh();
    }, 1000);
    return () => clearInterval(timer);
  }, [running, statusUrl, router]);
  return (
    <div className="grid gap-2">
      <Progress value={snap.processedRows} max={snap.totalRows} label="Rows processed" />
      <p className="text-sm text-muted-foreground" aria-live="polite">
        {snap.status === "queued" ? "Waiting for a worker… " : null}
        {snap.processedRows} of {snap.totalRows} rows: {snap.importedRows} imported, {snap.flaggedRows} flagged, {snap.errorRows} with errors.
      </p>
    </div>
  );
}
