"use client";

import { useActionState } from "react";
import { FormStatus } from "@/components/consent/form-status";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { fieldError, submittedValue, type FormState } from "@/lib/forms/state";

export interface ProductFormInitial {
  sku: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  imageUrl: string | null;
  productUrl: string | null;
  category: string | null;
  attributes: Record<string, unknown>;
  inStock: boolean;
}

/** Add a product, or (with `initial`) edit one. Attributes are JSON so bundle rules can select by them. */
export function ProductForm({ action, initial, submitLabel }: { action: (prev: FormState, formData: FormData) => Promise<FormState>; initial?: ProductFormInitial; submitLabel: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = initial ? `product-${initial.sku}` : "product-new";
  const value = (name: string, fallback: string) => submittedValue(state, name) ?? fallback;
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FormStatus state={state} />
      <fieldset disabled={pending} className="grid gap-4 sm:grid-cols-2">
        <Field id={`${id}-sku`} label="SKU" error={fieldError(state, "sku")} required>
          <Input name="sku" defaultValue={value("sku", initial?.sku ?? "")} maxLength={64} className="font-mono" required />
        </Field>
        <Field id={`${id}-name`} label="Name" error={fieldError(state, "name")} required>
          <Input name="name" defaultValue={value("name", initial?.name ?? "")} maxLength={200} required />
        </Field>
        <Field id={`${id}-price`} label="Price" hint="In the currency's main unit, like 24.50" error={fieldError(state, "price")} required>
          <Input name="price" inputMode="decimal" defaultValue={value("price", initial ? String(initial.price) : "")} required />
        </Field>
        <Field id={`${id}-currency`} label="Currency" hint="ISO code: USD, EUR…" error={fieldError(state, "currency")} required>
          <Input name="currency" defaultValue={value("currency", initial?.currency ?? "USD")} maxLength={3} className="uppercase" required />
        </Field>
        <Field id={`${id}-category`} label="Category" hint="Bundles can take one product per category" error={fieldError(state, "category")}>
          <Input name="category" defaultValue={value("category", initial?.category ?? "")} maxLength={60} />
        </Field>
        <Field id={`${id}-image`} label="Image URL" error={fieldError(state, "imageUrl")}>
          <Input name="imageUrl" type="url" defaultValue={value("imageUrl", initial?.imageUrl ?? "")} />
        </Field>
        <Field id={`${id}-url`} label="Product page URL" error={fieldError(state, "productUrl")}>
          <Input name="productUrl" type="url" defaultValue={value("productUrl", initial?.productUrl ?? "")} />
        </Field>
        <div className="flex items-center gap-2 pt-6">
          <input id={`${id}-stock`} name="inStock" type="checkbox" defaultChecked={initial?.inStock ?? true} className="h-4 w-4" />
          <label htmlFor={`${id}-stock`} className="text-sm font-medium">
            In stock
          </label>
        </div>
        <Field id={`${id}-description`} label="Description" error={fieldError(state, "description")} className="sm:col-span-2">
          <Textarea name="description" rows={2} defaultValue={value("description", initial?.description ?? "")} maxLength={2000} />
        </Field>
        <Field
          id={`${id}-attributes`}
          label="Attributes (JSON)"
          hint='What bundle rules select on, e.g. {"skin_types": ["dry", "normal"], "fragrance_free": true}'
          error={fieldError(state, "attributes")}
          className="sm:col-span-2"
        >
          <Textarea name="attributes" rows={3} className="font-mono text-xs" defaultValue={value("attributes", JSON.stringify(initial?.attributes ?? {}, null, 1))} />
        </Field>
      </fieldset>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
