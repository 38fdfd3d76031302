import { z } from "zod";
import { memberRole } from "./schemas";

// Client-safe: inputs of the member-management forms (invite and role change are in schemas.ts).
export const memberIdInput = z.object({ memberId: z.string().regex(/^mem_[0-9a-z]{26}$/, "Unknown member") });
export const invitationIdInput = z.object({ invitationId: z.string().regex(/^inv_[0-9a-z]{26}$/, "Unknown invitation") });
export const changeMemberRoleInput = memberIdInput.extend({ role: memberRole });
