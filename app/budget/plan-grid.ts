import { z } from "zod";
import { COST_CATEGORIES, COST_CLASSES, type CostCategory, type CostClass } from "#db/schema/enums";
import { centsToDecimal, parseAmountToCents } from "~/money/cents";

/**
 * The plan of one workstream for one fiscal year as a grid: a row per cost
 * class × category (× engagement, when lines are tied to one), a column per
 * quarter. Each cell is one budget line (or an empty slot for a new one).
 */
export type PlanLine = {
  id: number;
  quarter: number;
  costClass: CostClass;
  category: CostCategory;
  engagementId: number | null;
  amountCents: number;
  version: number;
};

export type GridCell = { quarter: 1 | 2 | 3 | 4; id: number | null; version: number | null; amount: string };
export type GridRow = { key: string; costClass: CostClass; category: CostCategory; engagementId: number | null; cells: GridCell[]; totalCents: number };

const QUARTERS = [1, 2, 3, 4] as const;

export function buildPlanGrid(lines: PlanLine[]): GridRow[] {
  const rows = new Map<string, GridRow>();
  const slot = (costClass: CostClass, category: CostCategory, engagementId: number | null, dup: number) => {
    const key = `${costClass}|${category}|${engagementId ?? ""}|${dup}`;
    let row = rows.get(key);
    if (!row) {
      row = { key, costClass, category, engagementId, totalCents: 0, cells: QUARTERS.map((quarter) => ({ quarter, id: null, version: null, amount: "" })) };
      rows.set(key, row);
    }
    return row;
  };
  for (const c of COST_CLASSES) for (const cat of COST_CATEGORIES) slot(c, cat, null, 0);
  // Two lines for the same slot and quarter (possible in imported plans) each get their own row, so none is hidden.
  for (const l of [...lines].sort((a, b) => a.id - b.id)) {
    let dup = 0;
    while (slot(l.costClass, l.category, l.engagementId, dup).cells[l.quarter - 1]!.id != null) dup++;
    const cell = slot(l.costClass, l.category, l.engagementId, dup).cells[l.quarter - 1]!;
    Object.assign(cell, { id: l.id, version: l.version, amount: centsToDecimal(l.amountCents) });
    slot(l.costClass, l.category, l.engagementId, dup).totalCents += l.amountCents;
  }
  const order = (r: GridRow) => `${COST_CLASSES.indexOf(r.costClass)}${COST_CATEGORIES.indexOf(r.category)}|${r.engagementId ?? 0}|${r.key}`;
  return [...rows.values()].sort((a, b) => order(a).localeCompare(order(b)));
}

const amountField = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return 0;
    const cents = parseAmountToCents(v);
    if (cents == null || cents < 0) {
      ctx.addIssue({ code: "custom", message: "Enter an amount like 1234.56 (or leave empty for none)." });
      return 0;
    }
    return cents;
  });

export const PlanCellSchema = z.object({
  id: z.coerce.number().int().positive().optional(),
  version: z.coerce.number().int().positive().optional(),
  quarter: z.coerce.number().int().min(1).max(4),
  costClass: z.enum(COST_CLASSES),
  category: z.enum(COST_CATEGORIES),
  engagementId: z.coerce.number().int().positive().optional(),
  original: amountField,
  amount: amountField,
});

/** An extra row, e.g. for plan tied to an engagement: one class × category × engagement, four quarters. */
export const NewPlanRowSchema = z.object({
  costClass: z.enum(COST_CLASSES).optional(),
  category: z.enum(COST_CATEGORIES).optional(),
  engagementId: z.coerce.number().int().positive().optional(),
  q1: amountField,
  q2: amountField,
  q3: amountField,
  q4: amountField,
});

export const PlanGridSchema = z.object({
  ws: z.string().trim().min(1).max(20),
  fy: z.coerce.number().int().min(2000).max(2100),
  cells: z.array(PlanCellSchema).max(2000).default([]),
  newRow: NewPlanRowSchema.optional(),
});

/** The new row as cells (new lines), when it has a class, a category and at least one amount. */
export function newRowCells(row: z.infer<typeof NewPlanRowSchema> | undefined): PlanCellInput[] {
  if (!row?.costClass || !row.category) return [];
  const amounts = [row.q1, row.q2, row.q3, row.q4];
  return amounts.flatMap((amount, i) =>
    amount ? [{ quarter: i + 1, costClass: row.costClass!, category: row.category!, engagementId: row.engagementId, original: 0, amount }] : [],
  );
}
export type PlanCellInput = z.infer<typeof PlanCellSchema>;
