import { z } from "zod";
import { ROLES, type Role } from "#db/schema/enums";

/** An account is active (can sign in), invited (active, no password yet) or inactive. */
export const USER_STATUSES = ["active", "invited", "inactive"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const UserFilterShape = {
  role: z.enum(ROLES, { error: `use one of ${ROLES.join(", ")}` }),
  status: z.enum(USER_STATUSES, { error: `use one of ${USER_STATUSES.join(", ")}` }),
};

/** Role and status; the name-or-email search is the list's `q` (app/lists/list-params.ts). */
export type UserFilter = { role?: Role; status?: UserStatus };

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  ciso_office: "CISO office",
  workstream_lead: "Workstream lead",
  executive: "Executive",
  board: "Board member",
};
