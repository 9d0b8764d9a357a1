import type { Role } from "#db/schema/enums";
import { type Permission, roleHasPermission } from "~/auth/permissions";

export type NavItem = { to: string; label: string };

// Areas of design.md, each shown only to roles that may open it.
const AREAS: Array<NavItem & { permission: Permission }> = [
  { to: "/dashboard", label: "Dashboard", permission: "read:dashboard" },
  { to: "/workstreams", label: "Workstreams", permission: "read:program" },
  { to: "/milestones", label: "Milestones", permission: "read:program" },
  { to: "/timeline", label: "Timeline", permission: "read:program" },
  { to: "/engagements", label: "Engagements", permission: "read:program" },
  { to: "/budget", label: "Budget", permission: "read:program" },
  { to: "/obligations", label: "Obligations", permission: "read:program" },
  { to: "/risks", label: "Risks", permission: "read:program" },
  { to: "/measures", label: "Measures", permission: "read:program" },
  { to: "/csf", label: "CSF profile", permission: "read:program" },
  { to: "/board", label: "Board reports", permission: "read:board_report:published" },
  { to: "/admin/users", label: "Users", permission: "manage:users" },
  { to: "/admin/audit", label: "Audit trail", permission: "read:audit" },
  { to: "/admin/settings", label: "Settings", permission: "manage:settings" },
];

export function navigationFor(role: Role): NavItem[] {
  return AREAS.filter((a) => roleHasPermission(role, a.permission)).map(({ to, label }) => ({ to, label }));
}
