"use client";

import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { embedSnippet, type EmbedMode, type EmbedTrigger } from "@/lib/embed/snippet";

export interface EmbedTarget {
  path: string;
  label: string;
  /** Personal content (the onboarding checklist) shows only to a person the brand's server vouches for. */
  identity?: "required";
  /** What the preview embeds instead of `path`, e.g. a sample of a personal page. */
  previewPath?: string;
}

/** Pick what to embed and how; the snippet updates as you go and the preview runs the real loader. */
export function SnippetGenerator({ appUrl, loaderVersion, targets }: { appUrl: string; loaderVersion: string; targets: EmbedTarget[] }) {
  const [path, setPath] = useState(targets[0]?.path ?? "");
  const [mode, setMode] = useState<EmbedMode>("inline");
  const [trigger, setTrigger] = useState<EmbedTrigger>("click");
  const [delay, setDelay] = useState("5");
  const [identity, setIdentity] = useState(false);
  const [copied, setCopied] = useState(false);
  const target = targets.find((t) => t.path === path);
  const label = target?.label ?? "Open";
  const needsIdentity = target?.identity === "required";
  const previewPath = target?.previewPath ?? path;
  const snippet = useMemo(
    () => embedSnippet({ appUrl, loaderVersion, path, mode, trigger, delaySeconds: Number(delay) || 5, label, identity: identity || needsIdentity }),
    [appUrl, loaderVersion, path, mode, trigger, delay, label, identity, needsIdentity],
  );
  // The preview is a same-origin document, which embeds always allow, so it works before any origin is configured.
  const preview = useMemo(
    () =>
      `<!doctype html><meta charset="utf-8"><body style="font:14px system-ui;margin:12px">` +
      embedSnippet({ appUrl, loaderVersion, path: previewPath, mode, trigger, delaySeconds: Number(delay) || 5, label, identity: false }),
    [appUrl, loaderVersion, previewPath, mode, trigger, delay, label],
  );
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <div className="grid content-start gap-4">
        <Field id="embed-target" label="What to embed">
          <NativeSelect value={path} onChange={(e) => setPath(e.target.value)}>
            {targets.map((t) => (
              <option key={t.path} value={t.path}>
                {t.label}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field id="embed-mode" label="Mode">
          <NativeSelect value={mode} onChange={(e) => setMode(e.target.value as EmbedMode)}>
            <option value="inline">Inline, in the page</option>
            <option value="popup">Popup</option>
            <option value="slide-in">Slide-in</option>
          </NativeSelect>
        </Field>
        {mode === "inline" ? null : (
          <Field id="embed-trigger" label="Opens">
            <NativeSelect value={trigger} onChange={(e) => setTrigger(e.target.value as EmbedTrigger)}>
              <option value="click">When the link is clicked</option>
              <option value="delay">After a delay</option>
              <option value="exit">When the visitor is about to leave</option>
            </NativeSelect>
          </Field>
        )}
        {mode !== "inline" && trigger === "delay" ? (
          <Field id="embed-delay" label="Delay in seconds">
            <Input type="number" min={0} max={600} value={delay} onChange={(e) => setDelay(e.target.value)} className="max-w-32" />
          </Field>
        ) : null}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={identity || needsIdentity} disabled={needsIdentity} onChange={(e) => setIdentity(e.target.checked)} aria-describedby={needsIdentity ? "embed-identity-hint" : undefined} />
          Identify signed-in visitors (externalId and userHash from your server)
        </label>
        {needsIdentity ? (
          <p id="embed-identity-hint" className="text-sm text-muted-foreground">
            The checklist is personal: it shows only with the person&apos;s externalId and the userHash your server computes, and refuses anything else. The preview shows
            a sample flow.
          </p>
        ) : null}
        <Field id="embed-snippet" label="Snippet" hint="Paste it where the embed should go. Without JavaScript it stays a link to the hosted page.">
          <Textarea readOnly rows={6} value={snippet} className="font-mono text-xs" />
        </Field>
        <div>
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              void navigator.clipboard.writeText(snippet).then(() => setCopied(true));
            }}
          >
            {copied ? "Copied" : "Copy snippet"}
          </Button>
          <span role="status" className="sr-only">
            {copied ? "Snippet copied" : ""}
          </span>
        </div>
      </div>
      <div className="grid content-start gap-2">
        <h3 className="text-sm font-medium">Live preview</h3>
        <iframe key={preview} title="Embed preview" srcDoc={preview} className="h-[32rem] w-full rounded-md border bg-white" />
      </div>
    </div>
  );
}
