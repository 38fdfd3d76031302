import { z } from "zod";
import { traitSourceKinds, traitTypes } from "@/lib/db/schema/traits";
import { createTraitDefinitionInput, setTraitsInput, traitValueSchema } from "@/lib/traits/schemas";
import { defineOperation, timestamp } from "../operation";
import { profileIdParams } from "./profiles";

export const traitDefinitionSchema = z
  .object({
    id: z.string(),
    key: z.string().meta({ example: "skin_type" }),
    label: z.string(),
    description: z.string(),
    type: z.enum(traitTypes),
    allowedValues: z.array(z.object({ value: z.string(), label: z.string() })).nullable(),
    purpose: z.string().meta({ description: "The consent purpose this trait serves; without it the trait is invisible to personalization" }),
    archivedAt: timestamp.nullable(),
    createdAt: timestamp,
  })
  .meta({ id: "TraitDefinition" });

const source = z.object({ kind: z.enum(traitSourceKinds), ref: z.string().nullable() });

export const listTraitDefinitionsOp = defineOperation({
  operationId: "listTraitDefinitions",
  method: "GET",
  path: "/api/v1/traits",
  summary: "The workspace's trait vocabulary",
  tags: ["Traits"],
  scope: "profiles:read",
  response: z.object({ data: z.array(traitDefinitionSchema) }),
});

export const createTraitDefinitionOp = defineOperation({
  operationId: "createTraitDefinition",
  method: "POST",
  path: "/api/v1/traits",
  summary: "Define a trait",
  tags: ["Traits"],
  scope: "profiles:write",
  body: createTraitDefinitionInput.meta({ id: "CreateTraitDefinition" }),
  response: traitDefinitionSchema,
  status: 201,
  maxBodyBytes: 64 * 1024,
});

export const getProfileTraitsOp = defineOperation({
  operationId: "getProfileTraits",
  method: "GET",
  path: "/api/v1/profiles/{id}/traits",
  summary: "A profile's current traits with provenance, and their history",
  tags: ["Traits"],
  scope: "profiles:read",
  params: profileIdParams,
  response: z.object({
    data: z.array(
      z.object({ key: z.string(), label: z.string(), type: z.enum(traitTypes), purpose: z.string(), value: traitValueSchema, source, declaredAt: timestamp }),
    ),
    history: z.array(
      z.object({ id: z.string(), key: z.string(), label: z.string(), value: traitValueSchema.nullable().meta({ description: "null: removed" }), source, recordedAt: timestamp }),
    ),
  }),
});

export const setProfileTraitsOp = defineOperation({
  operationId: "setProfileTraits",
  method: "PATCH",
  path: "/api/v1/profiles/{id}/traits",
  summary: "Set traits on a profile (null removes one)",
  description: "Validated all-or-nothing against the trait definitions; the source is recorded as this API key. Emits `profile.updated` with the changes.",
  tags: ["Traits"],
  scope: "profiles:write",
  params: profileIdParams,
  body: setTraitsInput.meta({ id: "SetTraits" }),
  response: z.object({ changed: z.record(z.string(), traitValueSchema.nullable()) }),
  maxBodyBytes: 64 * 1024,
});
