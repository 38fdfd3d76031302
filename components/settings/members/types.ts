import type { FormState } from "@/lib/forms/state";

export type RowAction = (prev: FormState, formData: FormData) => Promise<FormState>;

export interface MemberRowData {
  id: string;
  email: string;
  name: string | null;
  role: "owner" | "admin" | "editor" | "viewer";
  joined: string;
  isYou: boolean;
}

export interface InvitationRowData {
  id: string;
  email: string;
  role: "owner" | "admin" | "editor" | "viewer";
  expires: string;
  expired: boolean;
  invitedBy: string | null;
}
