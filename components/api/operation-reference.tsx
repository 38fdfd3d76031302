import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CopyButton } from "./copy-button";

// Plain data for one operation, as the API reference page builds it from the OpenAPI document.
export interface OperationReferenceField {
  name: string;
  type: string;
  required: boolean;
  description?: string;
  in?: "path" | "query" | "header";
}

export interface OperationReferenceData {
  id: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  scope: string | null;
  parameters: OperationReferenceField[];
  bodyFields: OperationReferenceField[];
  successStatus: string;
  curl: string;
}

/** Descriptions use `backticks` for names, as OpenAPI readers render them. */
function withCode(text: string) {
  return text.split("`").map((part, i) =>
    i % 2 === 1 ? (
      <code key={i} className="font-mono text-xs">
        {part}
      </code>
    ) : (
      part
    ),
  );
}

const methodTone: Record<string, BadgeTone> = { GET: "brand", POST: "success", PATCH: "warning", PUT: "warning", DELETE: "danger" };

function FieldTable({ caption, fields, showLocation }: { caption: string; fields: OperationReferenceField[]; showLocation?: boolean }) {
  return (
    <Table caption={caption}>
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          {showLocation ? <TableHead>In</TableHead> : null}
          <TableHead>Type</TableHead>
          <TableHead>Description</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {fields.map((f) => (
          <TableRow key={`${f.in ?? "body"}:${f.name}`}>
            <TableCell className="font-mono text-xs whitespace-nowrap">
              {f.name}
              {f.required ? <span className="ml-1 text-danger">required</span> : null}
            </TableCell>
            {showLocation ? <TableCell>{f.in}</TableCell> : null}
            <TableCell className="font-mono text-xs">{f.type}</TableCell>
            <TableCell className="text-muted-foreground">{withCode(f.description ?? "")}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** One operation of the API reference: method, path, scope, inputs and a curl to try it. */
export function OperationReference({ op }: { op: OperationReferenceData }) {
  return (
    <Card id={op.id}>
      <CardHeader>
        <CardTitle as="h3" className="flex flex-wrap items-center gap-2">
          <Badge tone={methodTone[op.method] ?? "neutral"} className="font-mono">
            {op.method}
          </Badge>
          <code className="font-mono text-sm break-all">{op.path}</code>
        </CardTitle>
        <CardDescription>
          {op.summary} ·{" "}
          {op.scope ? (
            <>
              scope <code className="font-mono">{op.scope}</code>
            </>
          ) : (
            "any key"
          )}{" "}
          · answers {op.successStatus}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {op.description ? <p className="text-sm whitespace-pre-line text-muted-foreground">{withCode(op.description)}</p> : null}
        {op.parameters.length > 0 ? <FieldTable caption={`Parameters of ${op.method} ${op.path}`} fields={op.parameters} showLocation /> : null}
        {op.bodyFields.length > 0 ? <FieldTable caption={`Body fields of ${op.method} ${op.path}`} fields={op.bodyFields} /> : null}
        <div className="grid gap-2">
          <div className="flex items-center justify-between gap-2">
            <h4 className="text-sm font-medium">Example</h4>
            <CopyButton value={op.curl} label="Copy curl" />
          </div>
          <pre className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs">{op.curl}</pre>
        </div>
      </CardContent>
    </Card>
  );
}
