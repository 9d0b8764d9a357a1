import type { Permission } from "~/auth/permissions";
import { canActOnAny, type CurrentUser, forbidden } from "~/auth/require.server";

/** A workstream lead acts only on the risks they own; other roles holding the `:any` grant act on every risk. */
export function requireRiskAccess(user: CurrentUser, risk: { ownerId: number | null }, permission: Permission) {
  if (canActOnAny(user, permission)) return;
  if (risk.ownerId == null || risk.ownerId !== user.id) throw forbidden("You can only act on risks you own.");
}

/**
 * Accepting a risk above appetite is a business decision for executives
 * alone (docs/decisions/006-risk-acceptance-approvers.md): not the admin who
 * also sets that appetite, nor the office that asked.
 */
export function requireAcceptanceApprover(user: CurrentUser) {
  if (user.role !== "executive") throw forbidden("Only an executive can approve or reject a risk acceptance.");
}
