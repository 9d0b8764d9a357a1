import { actuals, actualTags, budgetLineHistory, budgetLines, commitments } from "#db/schema";
import { budgetLineSpec } from "~/history/specs.server";
import { ENGAGEMENTS } from "./engagement-plan";
import type { EngagementIds } from "./engagements";
import { ledger } from "./ledger";
import { at, insertMany, maxDate, PLAN_APPROVED, stamps, type Tx } from "./support";
import type { WorkstreamIds } from "./workstream-plan";

/** Writes the plan (all of it), and the purchase orders and invoices dated on or before `today`. */
export function insertMoney(tx: Tx, today: string, workstreamIds: WorkstreamIds, engagementIds: EngagementIds): void {
  const { plan, invoices, orders } = ledger();
  const wsId = (n: number) => workstreamIds.get(n) as number;
  // A plan line names its engagement once the SOW is signed; before that it is a placeholder.
  const engagementId = (sow: string | null) => (sow ? (engagementIds.get(sow) ?? null) : null);
  const signedOn = (sow: string | null) => ENGAGEMENTS.find((e) => e.sow === sow)?.signed ?? PLAN_APPROVED;

  insertMany(
    tx,
    budgetLines,
    plan.map((l) => {
      const linked = engagementId(l.sow);
      return {
        fiscalYear: l.fy,
        quarter: l.q,
        workstreamId: wsId(l.ws),
        costClass: l.costClass,
        category: l.category,
        engagementId: linked,
        amountCents: l.amount,
        note: l.sow && !linked ? "Delivery partner: procurement planned" : l.note,
        version: linked && signedOn(l.sow) > PLAN_APPROVED ? 2 : 1,
        ...stamps(PLAN_APPROVED, linked ? maxDate(PLAN_APPROVED, signedOn(l.sow)) : PLAN_APPROVED, "15:00"),
      };
    }),
  );

  // Plan history: every line as approved (no engagement named yet), then named once its SOW was signed.
  const approved = at(PLAN_APPROVED, "15:00");
  const history = tx
    .select()
    .from(budgetLines)
    .all()
    .flatMap((line) => {
      const attributes = budgetLineSpec.attributes(line) as Omit<typeof budgetLineHistory.$inferInsert, "budgetLineId" | "validFrom">;
      if (line.version === 1) return [{ ...attributes, budgetLineId: line.id, validFrom: approved, validTo: null }];
      return [
        { ...attributes, engagementId: null, budgetLineId: line.id, validFrom: approved, validTo: line.updatedAt },
        { ...attributes, budgetLineId: line.id, validFrom: line.updatedAt, validTo: null },
      ];
    });
  insertMany(tx, budgetLineHistory, history);

  insertMany(
    tx,
    commitments,
    orders
      .filter((o) => o.date <= today)
      .map((o) => ({
        reference: o.ref,
        date: o.date,
        workstreamId: wsId(o.ws),
        engagementId: engagementId(o.sow),
        costClass: o.costClass,
        category: o.category,
        amountCents: o.amount,
        description: o.description,
        ...stamps(o.date, o.date, "15:30"),
      })),
  );

  const booked = invoices.filter((i) => i.date <= today);
  insertMany(
    tx,
    actuals,
    booked.map((i) => ({
      reference: i.ref,
      date: i.date,
      amountCents: i.amount,
      workstreamId: wsId(i.ws),
      engagementId: engagementId(i.sow),
      costClass: i.costClass,
      category: i.category,
      description: i.description,
      ...stamps(i.date, i.date, "18:00"),
    })),
  );
  const idByRef = new Map(
    tx
      .select({ id: actuals.id, reference: actuals.reference })
      .from(actuals)
      .all()
      .map((r) => [r.reference, r.id]),
  );
  insertMany(
    tx,
    actualTags,
    booked.flatMap((i) => i.tags.map((tag) => ({ actualId: idByRef.get(i.ref) as number, tag }))),
  );
}
