import { z } from "zod";
import { memberRoles } from "@/lib/db/schema/workspaces";

// Client-safe: the same schemas validate forms, actions, API routes and the CLI.
export const workspaceSlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "Use at least 2 characters")
  .max(40, "Use at most 40 characters")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Use lower-case letters, digits and dashes (not at the ends)");

export const createWorkspaceInput = z.object({
  name: z.string().trim().min(1, "Enter a name").max(80, "Use at most 80 characters"),
  slug: workspaceSlug,
});
export type CreateWorkspaceInput = z.infer<typeof createWorkspaceInput>;

export const memberRole = z.enum(memberRoles);

export const inviteMemberInput = z.object({
  // Trim before checking: autocomplete and phone keyboards add trailing spaces.
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  role: memberRole.default("editor"),
});

export const changeRoleInput = z.object({ memberId: z.string().min(1), role: memberRole });

export const updateWorkspaceInput = z.object({
  name: z.string().trim().min(1, "Enter a name").max(80),
  brandColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "Use a hex colour like #4f46e5")
    .optional(),
  defaultLocale: z.enum(["en", "de", "fr", "es"]).optional(),
});
