import { and, eq, inArray } from "drizzle-orm";
import { statusReports, workstreams } from "#db/schema";
import { reportedFor } from "~/figures/reports.server";
import { workstreamsAsOf } from "~/figures/workstreams.server";
import { addDays } from "~/money/fiscal";
import { audienceOf, usersWithRoles } from "../audience.server";
import type { NotificationRule, RuleItem } from "../rule";
import { monthOf } from "./month";

/**
 * Monthly status report: due at the end of each month for every active
 * workstream, reminded `days` before; overdue once the month has closed
 * without a submitted report for it. "Reported" is the figures layer's
 * report submitted for that very month (reportedFor): a later month's report
 * does not stand in for a missing one.
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
    const reported = reportedFor(db, today, [previousMonth, month]);
    // A draft already begun for the month is where the reminder leads; otherwise the new-report form.
    const drafts = new Map(
      db
        .select({ id: statusReports.id, workstreamId: statusReports.workstreamId, period: statusReports.period })
        .from(statusReports)
        .where(and(eq(statusReports.state, "draft"), inArray(statusReports.period, [month, previousMonth])))
        .all()
        .map((d) => [`${d.workstreamId} ${d.period}`, d.id]),
    );
    const linkFor = (w: { id: number; code: string }, period: string) => {
      const draft = drafts.get(`${w.id} ${period}`);
      return draft ? `/status-reports/${draft}` : `/workstreams/${encodeURIComponent(w.code)}/reports/new`;
    };
    const ciso = usersWithRoles(db, ["ciso_office"]);
    const items: RuleItem[] = [];
    for (const w of active) {
      const started = live.get(w.id)?.startDate ?? today;
      if (!reported.has(`${w.id} ${previousMonth}`) && started <= previousEnd) {
        items.push({
          subjectKey: `report:${w.id}:${previousMonth}`,
          title: `${w.code} ${w.name}: the ${previousMonth} status report is overdue`,
          link: linkFor(w, previousMonth),
          dueDate: previousEnd,
          urgency: "overdue",
          audience: audienceOf([w.ownerId, live.get(w.id)?.sponsorId], ciso),
        });
      } else if (!reported.has(`${w.id} ${month}`) && today >= addDays(end, -setting.days)) {
        items.push({
          subjectKey: `report:${w.id}:${month}`,
          title: `${w.code} ${w.name}: the ${month} status report is due by ${end}`,
          link: linkFor(w, month),
          dueDate: end,
          urgency: "due",
          audience: audienceOf([w.ownerId]),
        });
      }
    }
    return items;
  },
};
