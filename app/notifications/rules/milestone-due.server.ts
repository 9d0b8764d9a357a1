import { and, eq, inArray, sql } from "drizzle-orm";
import { milestones, workstreams } from "#db/schema";
import { milestonePredicates, milestonesAsOf } from "~/figures/milestones.server";
import { audienceOf, usersWithRoles } from "../audience.server";
import type { NotificationRule } from "../rule";

/**
 * Milestones due within `days`, then overdue: the figures layer's own
 * predicates (dueWithin, overdue) over the milestones as they stand today.
 * The workstream's lead hears of both; the CISO office of overdue ones.
 */
export const milestoneDueRule: NotificationRule = {
  key: "milestone_due",
  label: "Milestone due soon, then overdue",
  daysLabel: "Remind this many days before the due date",
  defaults: { enabled: true, days: 7, repeatDays: 7 },
  visibleWith: "read:program",
  evaluate({ db, today, setting }) {
    const m = milestonesAsOf(db, today, today);
    const p = milestonePredicates(m, today);
    const rows = db
      .select({
        id: m.id,
        code: milestones.code,
        title: milestones.title,
        dueDate: m.dueDate,
        overdue: sql<number>`case when ${p.overdue} then 1 else 0 end`,
        leadId: workstreams.ownerId,
      })
      .from(m)
      .innerJoin(milestones, eq(milestones.id, m.id))
      .innerJoin(workstreams, eq(workstreams.id, m.workstreamId))
      .where(and(inArray(workstreams.lifecycleStatus, ["active", "planned", "on_hold"]), sql`(${p.overdue} or ${p.dueWithin(setting.days)})`))
      .orderBy(sql`${m.dueDate}`, milestones.code)
      .all();
    const ciso = usersWithRoles(db, ["ciso_office"]);
    return rows.map((r) => {
      const overdue = Number(r.overdue) === 1;
      return {
        subjectKey: `milestone:${r.id}`,
        title: overdue ? `Milestone ${r.code} ${r.title} is overdue (due ${r.dueDate})` : `Milestone ${r.code} ${r.title} is due on ${r.dueDate}`,
        link: `/milestones/${r.id}`,
        dueDate: r.dueDate,
        urgency: overdue ? "overdue" : "due",
        audience: audienceOf([r.leadId], overdue ? ciso : []),
      };
    });
  },
};
