import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";

export default function AnalyticsLoading() {
  return (
    <LoadingRegion label="Loading analytics…">
      <div className="grid grid-cols-1 gap-6">
        <Skeleton className="h-20 w-full" />
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-24" />
          ))}
        </div>
        <Skeleton className="h-72 w-full" />
      </div>
    </LoadingRegion>
  );
}
