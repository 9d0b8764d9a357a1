import { deliverables, engagements, engagementWorkstreams, vendors } from "#db/schema";
import { addDays } from "~/money/fiscal";
import { ENGAGEMENTS, VENDORS, type DeliverablePlan, type EngagementPlan } from "./engagement-plan";
import { plannedMilestone } from "./milestone-plan";
import { baselineAt, type MilestoneIds } from "./milestones";
import type { PeopleIds } from "./people";
import { insertMany, maxDate, minDate, stamps, type Tx } from "./support";
import type { WorkstreamIds } from "./workstream-plan";

/** Engagement id by SOW reference, for the engagements signed by `today`. */
export type EngagementIds = Map<string, number>;

export function engagementStatusAt(e: EngagementPlan, date: string) {
  if (date < e.start) return "planned" as const;
  return e.end < date ? ("completed" as const) : ("active" as const);
}

function deliverableDates(d: DeliverablePlan, today: string) {
  if (d.milestone) {
    const m = plannedMilestone(d.milestone);
    return { due: baselineAt(m, today), accepted: m.cancelledOn ? null : addDays(m.done, 4) };
  }
  return { due: d.due as string, accepted: d.accepted ?? null };
}

export function insertEngagements(tx: Tx, today: string, people: PeopleIds, workstreamIds: WorkstreamIds, milestoneIds: MilestoneIds): EngagementIds {
  const signed = ENGAGEMENTS.filter((e) => e.signed <= today);
  const liveVendors = VENDORS.filter((v) => signed.some((e) => e.vendor === v.code));
  insertMany(
    tx,
    vendors,
    liveVendors.map((v) => {
      const first = minDate(...signed.filter((e) => e.vendor === v.code).map((e) => e.signed));
      return { name: v.name, contactName: v.contactName, contactEmail: v.contactEmail, notes: v.notes, ...stamps(first, first, "12:00") };
    }),
  );
  const vendorIds = new Map(
    tx
      .select({ id: vendors.id, name: vendors.name })
      .from(vendors)
      .all()
      .map((r) => [r.name, r.id]),
  );
  const vendorId = (code: string) => vendorIds.get(VENDORS.find((v) => v.code === code)?.name ?? "") as number;

  insertMany(
    tx,
    engagements,
    signed.map((e) => {
      const status = engagementStatusAt(e, today);
      const updated = status === "completed" ? e.end : status === "active" ? e.start : e.signed;
      return {
        vendorId: vendorId(e.vendor),
        title: e.title,
        kind: e.kind,
        sowReference: e.sow,
        description: e.description,
        startDate: e.start,
        endDate: e.end,
        contractValueCents: e.valueCents,
        status,
        relationshipOwnerId: people[e.owner],
        ...stamps(e.signed, updated, "12:00"),
      };
    }),
  );
  const ids: EngagementIds = new Map(
    tx
      .select({ id: engagements.id, sow: engagements.sowReference })
      .from(engagements)
      .all()
      .map((r) => [r.sow, r.id]),
  );

  insertMany(
    tx,
    engagementWorkstreams,
    signed.flatMap((e) =>
      Object.keys(e.shares).map((ws) => ({ engagementId: ids.get(e.sow) as number, workstreamId: workstreamIds.get(Number(ws)) as number })),
    ),
  );

  insertMany(
    tx,
    deliverables,
    signed.flatMap((e) =>
      e.deliverables
        .filter((d) => !d.milestone || milestoneIds.has(d.milestone))
        .map((d) => {
          const { due, accepted } = deliverableDates(d, today);
          const submitted = accepted ? addDays(accepted, -7) : null;
          const status = accepted && accepted <= today ? "accepted" : submitted && submitted <= today ? "submitted" : "pending";
          const events = [e.signed];
          if (status === "accepted" && accepted) events.push(accepted);
          if (status === "submitted" && submitted) events.push(submitted);
          return {
            engagementId: ids.get(e.sow) as number,
            title: d.title,
            dueDate: due,
            acceptedDate: status === "accepted" ? accepted : null,
            status,
            milestoneId: d.milestone ? (milestoneIds.get(d.milestone) ?? null) : null,
            ...stamps(e.signed, maxDate(...events), "12:30"),
          } as const;
        }),
    ),
  );
  return ids;
}
