import { overdueReviews } from "~/figures/risks.server";
import { audienceOf, usersWithRoles } from "../audience.server";
import type { NotificationRule } from "../rule";

/**
 * A risk whose review date has passed (the figures layer's "review
 * overdue"): its owner is reminded; a risk without an owner goes to the
 * CISO office, who keep the register.
 */
export const riskReviewRule: NotificationRule = {
  key: "risk_review",
  label: "Risk review date passed",
  daysLabel: null,
  defaults: { enabled: true, days: 0, repeatDays: 14 },
  visibleWith: "read:program",
  evaluate({ db, today }) {
    const rows = overdueReviews(db, { asOf: today });
    const ciso = rows.some((r) => r.ownerId === null) ? usersWithRoles(db, ["ciso_office"]) : [];
    return rows.map((r) => ({
      subjectKey: `risk-review:${r.id}:${r.nextReviewDate}`,
      title: `Risk ${r.code} ${r.title}: its review was due on ${r.nextReviewDate}`,
      link: `/risks/${encodeURIComponent(r.code)}`,
      dueDate: r.nextReviewDate,
      urgency: "overdue" as const,
      audience: r.ownerId === null ? ciso : audienceOf([r.ownerId]),
    }));
  },
};
