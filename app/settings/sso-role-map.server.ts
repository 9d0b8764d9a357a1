import type { Db } from "#db/connection";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import type { SsoRoleMap } from "./schemas";
import { getSetting, saveSetting } from "./settings.server";

/**
 * Saves which directory groups give which role, against the version the
 * administrator saw (VersionConflictError otherwise), with its history
 * (setting_history) and an audit event. It takes effect at each user's next
 * single sign-on, when their role is refreshed from their groups.
 */
export function saveSsoRoleMap(db: Db, ctx: AuditContext, map: SsoRoleMap, version: number) {
  db.transaction((tx) => {
    const before = getSetting(tx, "sso_role_map");
    saveSetting(tx, "sso_role_map", map, version);
    writeAudit(tx, ctx, { action: "settings.update", entity: "settings", entityId: "sso_role_map", before, after: map });
  });
}
