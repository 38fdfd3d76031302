import type { MemberRole } from "@/lib/db/schema/workspaces";

const rank: Record<MemberRole, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };

/** Whether `role` may do what `required` may (owner ⊃ admin ⊃ editor ⊃ viewer). */
export function roleAtLeast(role: MemberRole, required: MemberRole): boolean {
  return rank[role] >= rank[required];
}
