import { API_SCOPES, type ApiScope, type Role } from "#db/schema/enums";
import { type Permission, roleHasPermission } from "./permissions";

export { API_SCOPES, type ApiScope };

/** A token's lifetime is chosen at creation; a year at most, so no token is forgotten for good. */
export const API_TOKEN_DEFAULT_DAYS = 90;
export const API_TOKEN_MAX_DAYS = 365;
export const API_TOKEN_LIFETIMES = [7, 30, 90, 180, 365] as const;

/** What each area shows and the permission its routes require of the token's owner. */
export const API_SCOPE_INFO: Record<ApiScope, { label: string; permission: Permission }> = {
  program: { label: "Programme status (/api/v1/program)", permission: "read:dashboard" },
  workstreams: { label: "Workstreams (/api/v1/workstreams)", permission: "read:program" },
  milestones: { label: "Milestones (/api/v1/milestones)", permission: "read:program" },
  budget: { label: "Budget (/api/v1/budget)", permission: "read:program" },
  risks: { label: "Risks (/api/v1/risks)", permission: "read:program" },
  "board-reports": { label: "Published board reports (/api/v1/board-reports)", permission: "read:board_report:published" },
  measures: { label: "Outcome measures (/api/v1/measures)", permission: "read:program" },
};

/** Only roles granted `read:api` may hold tokens at all (board members by default may not). */
export function mayUseApi(role: Role): boolean {
  return roleHasPermission(role, "read:api");
}

/** The areas a token of this role may be granted: none without `read:api`, otherwise those the role may read. */
export function scopesForRole(role: Role): ApiScope[] {
  return mayUseApi(role) ? API_SCOPES.filter((s) => roleHasPermission(role, API_SCOPE_INFO[s].permission)) : [];
}
