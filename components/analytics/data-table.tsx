import type { ReactNode } from "react";
import type { AnalyticsTable } from "@/lib/analytics/tables";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { formatCell } from "./format";

/** The CSV link of a table: a plain download, so it works without JavaScript. */
export function CsvLink({ href, title }: { href: string; title: string }) {
  return (
    <a href={href} download aria-label={`Download CSV: ${title}`} className={buttonClasses("secondary", "sm")}>
      Download CSV
    </a>
  );
}

/** An analytics table's rows, numbers right-aligned; an empty table says so. */
export function FiguresTable({ table }: { table: AnalyticsTable }) {
  if (table.rows.length === 0) return <p className="text-sm text-muted-foreground">Nothing in this range.</p>;
  return (
    <Table caption={table.title}>
      <TableHeader>
        <TableRow>
          {table.columns.map((c) => (
            <TableHead key={c.label} className={c.format === "text" || c.format === "day" ? undefined : "text-right"}>
              {c.label}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {table.rows.map((row, i) => (
          <TableRow key={i}>
            {row.map((v, j) => {
              const format = table.columns[j]?.format ?? "text";
              return (
                <TableCell key={j} className={format === "text" || format === "day" ? "break-words" : "text-right tabular-nums whitespace-nowrap"}>
                  {formatCell(v, format)}
                </TableCell>
              );
            })}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** A card holding a table and its CSV download. */
export function TableCard({ table, csvHref, description }: { table: AnalyticsTable; csvHref: string; description?: ReactNode }) {
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <CardTitle>{table.title}</CardTitle>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </div>
        <CsvLink href={csvHref} title={table.title} />
      </CardHeader>
      <CardContent>
        <FiguresTable table={table} />
      </CardContent>
    </Card>
  );
}

/**
 * A chart with its text alternative: a one-line summary everyone reads, and the same figures as
 * a table (folded away on screen, read by screen readers in order), with its CSV download.
 */
export function ChartCard({ title, summary, table, csvHref, empty, children }: { title: string; summary: ReactNode; table: AnalyticsTable; csvHref: string; empty?: boolean; children: ReactNode }) {
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <CardTitle>{title}</CardTitle>
          <CardDescription>{summary}</CardDescription>
        </div>
        <CsvLink href={csvHref} title={table.title} />
      </CardHeader>
      <CardContent>
        {empty ? (
          <p className="text-sm text-muted-foreground">Nothing in this range yet.</p>
        ) : (
          <figure aria-label={title} data-analytics-chart={table.id}>
            {children}
            <figcaption className="sr-only">{summary}</figcaption>
          </figure>
        )}
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-medium">Show the figures as a table</summary>
          <div className="mt-2">
            <FiguresTable table={table} />
          </div>
        </details>
      </CardContent>
    </Card>
  );
}
