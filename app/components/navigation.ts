import type { Role } from "#db/schema/enums";
import { type Permission, roleHasPermission } from "~/auth/permissions";

/** `count`, when set, is shown beside the label: what waits for this user on that page. */
export type NavItem = { to: string; label: string; count?: number };

// Areas of design.md, each shown only to roles that may open it.
const AREAS: Array<NavItem & { permission: Permission }> = [
  // Role homes (app/home): each shown only to the role whose home it is.
  { to: "/inbox", label: "Inbox", permission: "approve:risk_acceptance" },
  { to: "/my-work", label: "My work", permission: "update:milestone:own" },
  { to: "/waiting", label: "Waiting on others", permission: "update:board_report" },
  { to: "/dashboard", label: "Dashboard", permission: "read:dashboard" },
  { to: "/workstreams", label: "Workstreams", permission: "read:program" },
  { to: "/milestones", label: "Milestones", permission: "read:program" },
  { to: "/timeline", label: "Timeline", permission: "read:program" },
  { to: "/engagements", label: "Engagements", permission: "read:program" },
  { to: "/budget", label: "Budget", permission: "read:program" },
  { to: "/obligations", label: "Obligations", permission: "read:program" },
  { to: "/risks", label: "Risks", permission: "read:program" },
  { to: "/evidence", label: "Evidence", permission: "read:program" },
  { to: "/measures", label: "Measures", permission: "read:program" },
  { to: "/csf", label: "CSF profile", permission: "read:program" },
  { to: "/board", label: "Board reports", permission: "read:board_report:published" },
  { to: "/board/disclosure", label: "Disclosure draft", permission: "draft:disclosure" },
  { to: "/admin/users", label: "Users", permission: "manage:users" },
  { to: "/admin/audit", label: "Audit trail", permission: "read:audit" },
  { to: "/admin/settings", label: "Settings", permission: "manage:settings" },
];

export function navigationFor(role: Role): NavItem[] {
  return AREAS.filter((a) => roleHasPermission(role, a.permission)).map(({ to, label }) => ({ to, label }));
}
