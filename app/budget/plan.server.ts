import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/connection";
import { budgetLines, engagements } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { budgetLineSpec } from "~/history/specs.server";
import { recordVersion } from "~/history/versions.server";
import { formatQuarter } from "~/money/fiscal";
import { updateVersioned, VersionConflictError } from "~/utils/concurrency.server";
import { missingIds } from "~/utils/references.server";
import { centsToDecimal } from "~/money/cents";
import type { PlanCellInput, PlanLine } from "./plan-grid";

export function planLines(db: Pick<Db, "select">, workstreamId: number, fiscalYear: number): PlanLine[] {
  return db
    .select({
      id: budgetLines.id,
      quarter: budgetLines.quarter,
      costClass: budgetLines.costClass,
      category: budgetLines.category,
      engagementId: budgetLines.engagementId,
      amountCents: budgetLines.amountCents,
      version: budgetLines.version,
    })
    .from(budgetLines)
    .where(and(eq(budgetLines.workstreamId, workstreamId), eq(budgetLines.fiscalYear, fiscalYear)))
    .orderBy(asc(budgetLines.id))
    .all();
}

/** A change to a plan cell that lost a race; shown in the conflict view. */
export class PlanConflictError extends Error {
  constructor(readonly changes: Array<{ field: string; yours: unknown; theirs: unknown }>) {
    super("The plan changed since you opened it.");
  }
}

const cellName = (fy: number, c: PlanCellInput) =>
  `${formatQuarter({ fiscalYear: fy, quarter: c.quarter as 1 | 2 | 3 | 4 })} ${c.costClass} ${c.category}${c.engagementId ? ` (engagement ${c.engagementId})` : ""}`;

/**
 * Saves the cells whose amount the editor changed, in ONE transaction: an
 * existing line through updateVersioned (stale version → conflict), a new
 * one by insert unless someone created the same line meanwhile. Each change
 * is audited; any conflict rolls every change back.
 */
export function savePlan(db: Db, ctx: AuditContext, workstreamId: number, fiscalYear: number, cells: PlanCellInput[]): { changed: number } {
  return db.transaction((tx) => {
    const conflicts: Array<{ field: string; yours: unknown; theirs: unknown }> = [];
    let changed = 0;
    if (
      missingIds(
        tx,
        engagements.id,
        cells.map((c) => c.engagementId),
      ).length
    ) {
      throw new Response("A chosen engagement no longer exists: reload the page and try again.", { status: 400 });
    }
    for (const c of cells) {
      if (c.amount === c.original) continue;
      if (c.id && c.version) {
        try {
          const before = tx.select().from(budgetLines).where(eq(budgetLines.id, c.id)).get();
          if (!before) throw new Response("A plan line of this grid no longer exists: reload the page and try again.", { status: 400 });
          if (before.workstreamId !== workstreamId) throw new Response("That plan line belongs to another workstream.", { status: 400 });
          const after = updateVersioned(tx, budgetLines, "budget line", c.id, c.version, { amountCents: c.amount });
          writeAudit(tx, ctx, {
            action: "budget_line.update",
            entity: "budget_line",
            entityId: c.id,
            before: { amountCents: before.amountCents, version: before.version },
            after: { amountCents: after.amountCents, version: after.version },
          });
        } catch (error) {
          if (!(error instanceof VersionConflictError)) throw error;
          const theirs = (error.current as { amountCents: number }).amountCents;
          conflicts.push({ field: cellName(fiscalYear, c), yours: centsToDecimal(c.amount), theirs: centsToDecimal(theirs) });
        }
        changed++;
        continue;
      }
      const existing = tx
        .select()
        .from(budgetLines)
        .where(
          and(
            eq(budgetLines.workstreamId, workstreamId),
            eq(budgetLines.fiscalYear, fiscalYear),
            eq(budgetLines.quarter, c.quarter),
            eq(budgetLines.costClass, c.costClass),
            eq(budgetLines.category, c.category),
            c.engagementId ? eq(budgetLines.engagementId, c.engagementId) : isNull(budgetLines.engagementId),
          ),
        )
        .get();
      if (existing) {
        conflicts.push({ field: cellName(fiscalYear, c), yours: centsToDecimal(c.amount), theirs: centsToDecimal(existing.amountCents) });
        continue;
      }
      const row = tx
        .insert(budgetLines)
        .values({
          workstreamId,
          fiscalYear,
          quarter: c.quarter,
          costClass: c.costClass,
          category: c.category,
          engagementId: c.engagementId ?? null,
          amountCents: c.amount,
        })
        .returning()
        .get();
      recordVersion(tx, budgetLineSpec, row.id, row);
      writeAudit(tx, ctx, { action: "budget_line.create", entity: "budget_line", entityId: row.id, after: row });
      changed++;
    }
    // Throwing rolls the whole grid back: a partial save of a plan is worse than none.
    if (conflicts.length) throw new PlanConflictError(conflicts);
    return { changed };
  });
}
