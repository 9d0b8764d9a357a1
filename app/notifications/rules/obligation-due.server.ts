import { obligationsAsOf } from "~/figures/obligations.server";
import { addDays } from "~/money/fiscal";
import { audienceOf, usersWithRoles } from "../audience.server";
import type { NotificationRule, RuleItem } from "../rule";

// Met and missed are settled: nothing left to remind anyone of.
const SETTLED = new Set(["met", "missed"]);

/**
 * An obligation to the court, regulator or board whose due date is within
 * `days`, then passed while it is not met: the obligation as of today and
 * its assessed status come from the figures layer. Its owner and the CISO
 * office are told.
 */
export const obligationDueRule: NotificationRule = {
  key: "obligation_due",
  label: "Obligation due date approaching, then passed",
  daysLabel: "Remind this many days before the due date",
  defaults: { enabled: true, days: 30, repeatDays: 7 },
  visibleWith: "read:program",
  evaluate({ db, today, setting }) {
    const horizon = addDays(today, setting.days);
    const found = obligationsAsOf(db, {}, today).filter((o) => o.dueDate !== null && o.dueDate <= horizon && !SETTLED.has(o.assessedStatus));
    if (!found.length) return [];
    const ciso = usersWithRoles(db, ["ciso_office"]);
    return found.map((o): RuleItem => {
      const overdue = o.dueDate! < today;
      return {
        subjectKey: `obligation:${o.id}`,
        title: overdue ? `Obligation ${o.code} ${o.title} is past its due date (${o.dueDate})` : `Obligation ${o.code} ${o.title} is due on ${o.dueDate}`,
        link: `/obligations/${encodeURIComponent(o.code)}`,
        dueDate: o.dueDate,
        urgency: overdue ? "overdue" : "due",
        audience: audienceOf([o.ownerId], ciso),
      };
    });
  },
};
