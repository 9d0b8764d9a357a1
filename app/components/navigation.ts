import type { Role } from "#db/schema/enums";
import { type Permission, roleHasPermission } from "~/auth/permissions";

export type NavItem = { to: string; label: string };

// Areas of design.md, each shown only to roles that may open it. An area is
// listed here once its pages exist.
const AREAS: Array<NavItem & { permission: Permission }> = [
  { to: "/dashboard", label: "Dashboard", permission: "read:dashboard" },
  { to: "/board", label: "Board reports", permission: "read:board_report:published" },
  { to: "/admin/users", label: "Users", permission: "manage:users" },
  { to: "/admin/audit", label: "Audit trail", permission: "read:audit" },
];

export function navigationFor(role: Role): NavItem[] {
  return AREAS.filter((a) => roleHasPermission(role, a.permission)).map(({ to, label }) => ({ to, label }));
}
