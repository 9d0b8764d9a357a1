import { eq } from "drizzle-orm";
import { risks } from "#db/schema";
import type { Permission } from "~/auth/permissions";
import type { CurrentUser } from "~/auth/require.server";
import { db } from "~/db.server";
import { riskAsOf, riskSettingsAsOf } from "~/figures/risks.server";
import { todayIso } from "~/time/today.server";
import { requireRiskAccess } from "./access.server";

/**
 * The risk a sub-page acts on, as of today, with the live row's version the
 * edit must be made against: 404 when the code is unknown, 403 when a lead
 * does not own it.
 */
export function requireRiskForAction(code: string | undefined, user: CurrentUser, permission: Permission) {
  const asOf = todayIso();
  const found = code ? riskAsOf(db, { asOf, code }) : null;
  const live = found ? db.select({ version: risks.version }).from(risks).where(eq(risks.id, found.id)).get() : undefined;
  if (!found || !live) throw new Response("No risk has this code.", { status: 404 });
  const risk = { ...found, version: live.version };
  requireRiskAccess(user, risk, permission);
  return { risk, asOf, appetite: riskSettingsAsOf(db, asOf).appetite };
}
