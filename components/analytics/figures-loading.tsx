import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";

/** What an analytics page shows below its range form while the figures are added up. */
export function FiguresLoading() {
  return (
    <LoadingRegion label="Adding up the figures…">
      <div className="grid grid-cols-1 gap-6">
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
