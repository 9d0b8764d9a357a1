import type { Permission } from "~/auth/permissions";
import type { CurrentUser } from "~/auth/require.server";
import { db } from "~/db.server";
import { riskAsOf, riskSettingsAsOf } from "~/figures/risks.server";
import { todayIso } from "~/time/today.server";
import { requireRiskAccess } from "./access.server";

/** The risk a sub-page acts on: 404 when the code is unknown, 403 when a lead does not own it. */
export function requireRiskForAction(code: string | undefined, user: CurrentUser, permission: Permission) {
  const asOf = todayIso();
  const risk = code ? riskAsOf(db, { asOf, code }) : null;
  if (!risk) throw new Response("No risk has this code.", { status: 404 });
  requireRiskAccess(user, risk, permission);
  return { risk, asOf, appetite: riskSettingsAsOf(db, asOf).appetite };
}
