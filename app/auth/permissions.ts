import type { Role } from "#db/schema/enums";

/**
 * Permissions are `action:entity` or `action:entity:own|any` (design.md).
 * `:own` grants act only on rows the user owns (their workstreams); the
 * route still checks ownership against the row.
 */
export const PERMISSIONS = [
  "read:dashboard",
  "read:program",
  "create:workstream:any",
  "update:workstream:any",
  "update:milestone:any",
  "update:milestone:own",
  "create:milestone:any",
  "create:milestone:own",
  "update:status_report:any",
  "update:status_report:own",
  "update:engagement:any",
  "update:budget:any",
  "update:obligation:any",
  "update:risk:any",
  "update:risk:own",
  "update:measure:any",
  "update:measure_value:any",
  "update:measure_value:own",
  "update:csf_profile",
  "request:risk_acceptance:any",
  "request:risk_acceptance:own",
  "approve:risk_acceptance",
  "read:board_report:published",
  "read:board_report:draft",
  "update:board_report",
  "approve:board_report",
  "publish:board_report",
  // The annual governance disclosure draft (SEC S-K Item 106): the CISO office drafts it, executives sign off on it.
  "draft:disclosure",
  "read:api",
  "manage:own_account",
  "manage:users",
  "manage:settings",
  "read:audit",
  "export:data",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_PROGRAM: Permission[] = ["read:dashboard", "read:program", "read:board_report:published", "read:api", "export:data"];

const EDIT_PROGRAM: Permission[] = [
  "create:workstream:any",
  "update:workstream:any",
  "update:milestone:any",
  "create:milestone:any",
  "update:status_report:any",
  "update:engagement:any",
  "update:budget:any",
  "update:obligation:any",
  "update:risk:any",
  // Measures: the CISO office defines them and sets targets; owners enter their own values.
  "update:measure:any",
  "update:measure_value:any",
  "update:csf_profile",
  "request:risk_acceptance:any",
  "read:board_report:draft",
  "update:board_report",
  "publish:board_report",
];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  // Administrators set the risk appetite, so approving exceptions to it stays with executives (decision 006).
  admin: new Set(PERMISSIONS.filter((p) => p !== "approve:risk_acceptance")),
  ciso_office: new Set([...READ_PROGRAM, ...EDIT_PROGRAM, "draft:disclosure", "manage:own_account"]),
  workstream_lead: new Set([
    ...READ_PROGRAM,
    "update:milestone:own",
    "create:milestone:own",
    "update:status_report:own",
    "update:risk:own",
    "update:measure_value:own",
    "request:risk_acceptance:own",
    "manage:own_account",
  ]),
  // Executives read everything but board drafts still being written; they see reports once in review.
  executive: new Set([...READ_PROGRAM, "approve:risk_acceptance", "approve:board_report", "draft:disclosure", "manage:own_account"]),
  board: new Set(["read:board_report:published", "manage:own_account"]),
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/**
 * True when the role holds `permission`, or its `:own` variant when `any`
 * is asked: the caller then checks ownership of the row.
 */
export function roleHasPermissionOrOwn(role: Role, permission: Permission): boolean {
  if (roleHasPermission(role, permission)) return true;
  if (!permission.endsWith(":any")) return false;
  const own = permission.replace(/:any$/, ":own") as Permission;
  return PERMISSIONS.includes(own) && roleHasPermission(role, own);
}

/**
 * Where each role lands after signing in (issue 13, role homes): executives
 * on their inbox of decisions, leads on their own work, the CISO office on
 * what it waits for from others, the board on its reports; administrators
 * on the programme dashboard.
 */
const HOME_PATHS: Record<Role, string> = {
  admin: "/dashboard",
  ciso_office: "/waiting",
  workstream_lead: "/my-work",
  executive: "/inbox",
  board: "/board",
};

export function homePathFor(role: Role): string {
  return HOME_PATHS[role];
}
