import { riskRegister } from "~/figures/risks.server";
import { addDays } from "~/money/fiscal";
import { audienceOf, usersWithRoles } from "../audience.server";
import type { NotificationRule, RuleItem } from "../rule";

/**
 * Risk acceptances running out within `days`, then expired: read from the
 * risk figures as of today ("accepted until" is the latest approved expiry
 * still in force, "acceptance expired" the figures' own definition). The
 * risk's owner and the CISO office must renew or treat the risk.
 */
export const acceptanceExpiryRule: NotificationRule = {
  key: "acceptance_expiry",
  label: "Risk acceptance expiring, then expired",
  daysLabel: "Remind this many days before the acceptance expires",
  defaults: { enabled: true, days: 30, repeatDays: 7 },
  visibleWith: "read:program",
  evaluate({ db, today, setting }) {
    const horizon = addDays(today, setting.days);
    const found = riskRegister(db, { asOf: today }).filter(
      (r) => r.status !== "closed" && (r.acceptanceExpired || (r.acceptedUntil !== null && r.acceptedUntil <= horizon)),
    );
    if (!found.length) return [];
    const ciso = usersWithRoles(db, ["ciso_office"]);
    return found.map((r): RuleItem => {
      const link = `/risks/${encodeURIComponent(r.code)}`;
      if (r.acceptanceExpired)
        return {
          subjectKey: `acceptance:${r.id}`,
          title: `Risk ${r.code} ${r.title}: its acceptance has expired`,
          link,
          dueDate: null,
          urgency: "overdue",
          audience: audienceOf([r.ownerId], ciso),
        };
      return {
        subjectKey: `acceptance:${r.id}`,
        title: `Risk ${r.code} ${r.title}: its acceptance expires on ${r.acceptedUntil}`,
        link,
        dueDate: r.acceptedUntil,
        urgency: "due",
        audience: audienceOf([r.ownerId], ciso),
      };
    });
  },
};
