import type { BOARD_REPORT_STATES, Role } from "#db/schema/enums";
import { roleHasPermission } from "~/auth/permissions";

export type BoardReportState = (typeof BOARD_REPORT_STATES)[number];

/**
 * Which report states a role may read. The CISO office writes drafts;
 * executives read a report once it is submitted for their review; everyone
 * else (board members, workstream leads) sees published reports only.
 */
export function visibleStates(role: Role): readonly BoardReportState[] {
  if (roleHasPermission(role, "read:board_report:draft")) return ["draft", "in_review", "approved", "published"];
  if (roleHasPermission(role, "approve:board_report")) return ["in_review", "approved", "published"];
  if (roleHasPermission(role, "read:board_report:published")) return ["published"];
  return [];
}

export function canSee(role: Role, state: BoardReportState): boolean {
  return visibleStates(role).includes(state);
}
