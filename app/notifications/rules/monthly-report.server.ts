import { inArray } from "drizzle-orm";
import { workstreams } from "#db/schema";
import { latestReports } from "~/figures/reports.server";
import { workstreamsAsOf } from "~/figures/workstreams.server";
import { addDays } from "~/money/fiscal";
import { audienceOf, usersWithRoles } from "../audience.server";
import type { NotificationRule, RuleItem } from "../rule";
import { monthOf } from "./month";

/**
 * Monthly status report: due at the end of each month for every active
 * workstream, reminded `days` before; overdue once the month has closed
 * without a submitted report for it. "Submitted" is the figures layer's
 * latest report as of today (app/figures/reports.server.ts).
 */
export const monthlyReportRule: NotificationRule = {
  key: "monthly_report",
  label: "Monthly status report due, then overdue",
  daysLabel: "Remind this many days before month end",
  defaults: { enabled: true, days: 5, repeatDays: 7 },
  visibleWith: "read:program",
  evaluate({ db, today, setting }) {
    const { month, end, previousMonth, previousEnd } = monthOf(today);
    const active = workstreamsAsOf(db, today).filter((w) => w.lifecycleStatus === "active");
    if (!active.length) return [];
    const live = new Map(
      db
        .select({ id: workstreams.id, startDate: workstreams.startDate, sponsorId: workstreams.sponsorId })
        .from(workstreams)
        .where(
          inArray(
            workstreams.id,
            active.map((w) => w.id),
          ),
        )
        .all()
        .map((w) => [w.id, w]),
    );
    const latest = latestReports(db, today);
    const ciso = usersWithRoles(db, ["ciso_office"]);
    const items: RuleItem[] = [];
    for (const w of active) {
      const reported = latest.get(w.id)?.period ?? "";
      const started = live.get(w.id)?.startDate ?? today;
      const link = `/workstreams/${encodeURIComponent(w.code)}/reports/new`;
      if (reported < previousMonth && started <= previousEnd) {
        items.push({
          subjectKey: `report:${w.id}:${previousMonth}`,
          title: `${w.code} ${w.name}: the ${previousMonth} status report is overdue`,
          link,
          dueDate: previousEnd,
          urgency: "overdue",
          audience: audienceOf([w.ownerId, live.get(w.id)?.sponsorId], ciso),
        });
      } else if (reported < month && today >= addDays(end, -setting.days)) {
        items.push({
          subjectKey: `report:${w.id}:${month}`,
          title: `${w.code} ${w.name}: the ${month} status report is due by ${end}`,
          link,
          dueDate: end,
          urgency: "due",
          audience: audienceOf([w.ownerId]),
        });
      }
    }
    return items;
  },
};
