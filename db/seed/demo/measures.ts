import { eq as eqId } from "drizzle-orm";
import { measureObligations, measures, measureTargets, measureValues, measureWorkstreams, obligations, risks, csfCategoryTiers, workstreams } from "#db/schema";
import { CSF_CATEGORIES, type CsfCategory } from "#db/schema/measures";
import { setRiskCsfCategories, setWorkstreamCsfCategories } from "~/csf/mappings.server";
import { csfTierSpec, measureObligationLinks, measureSpec, measureTargetSpec, measureValueSpec, measureWorkstreamLinks } from "~/measures/history-specs.server";
import { recordLinkSet } from "~/history/link-history.server";
import { recordVersion } from "~/history/versions.server";
import { addDays } from "~/money/fiscal";
import { addMonths, periodEnd, periodRange } from "~/measures/periods";
import { UNIT_SCALE } from "~/measures/units";
import { targetFor } from "~/measures/glide-path";
import { MEASURE_PLAN, type MeasurePlan } from "./measure-plan";
import type { PeopleIds } from "./people";
import { rng } from "./random";
import { at, PLAN_APPROVED, type Tx } from "./support";
import type { WorkstreamIds } from "./workstream-plan";

/** A value is filed a week after its month ends, in the morning (Pacific days end at 08:00 UTC). */
const FILED_AFTER_DAYS = 7;

const scaled = (plan: MeasurePlan, n: number) => Math.round(n * UNIT_SCALE[plan.unit]);

/** The story's value for a month: linear between the plan's points (its own glide-path rule), plus seeded noise. */
function storyValue(plan: MeasurePlan, period: string, noise: () => number): number | null {
  const points = plan.actual.map(([p, v]) => ({ period: p, target: scaled(plan, v) }));
  const base = targetFor(points, period);
  if (base === null) return null;
  const jitter = Math.round((noise() * 2 - 1) * scaled(plan, plan.noise));
  const value = base + jitter;
  return plan.unit === "percent" ? Math.min(100 * UNIT_SCALE.percent, Math.max(0, value)) : Math.max(0, value);
}

/**
 * The demo's outcome measures (measure-plan.ts) with their glide paths set
 * at plan approval (or when the measure was introduced) and a value per
 * month filed a week after the month ended, up to `today`; then the CSF 2.0
 * profile (tiers with their history, workstreams and risks mapped).
 */
export function insertMeasures(tx: Tx, today: string, people: PeopleIds, workstreamIds: WorkstreamIds): void {
  const obligationIds = new Map(
    tx
      .select({ id: obligations.id, code: obligations.code })
      .from(obligations)
      .all()
      .map((o) => [o.code, o.id]),
  );
  for (const plan of MEASURE_PLAN) {
    const introduced = plan.target[0]![0] < "2022-02" ? PLAN_APPROVED : `${addMonths(plan.target[0]![0], -1)}-15`;
    if (introduced > today) continue;
    const createdAt = at(introduced, "17:00");
    const row = tx
      .insert(measures)
      .values({
        key: plan.key,
        name: plan.name,
        definition: plan.definition,
        unit: plan.unit,
        direction: plan.direction,
        kind: plan.kind,
        csfCategory: plan.csf,
        ownerId: people[plan.owner],
        amberTolerance: scaled(plan, plan.amber),
        redTolerance: scaled(plan, plan.red),
        appetite: plan.appetite === undefined ? null : scaled(plan, plan.appetite),
        boardKey: plan.boardKey ?? false,
        createdAt,
        updatedAt: createdAt,
      })
      .returning()
      .get();
    recordVersion(tx, measureSpec, row.id, row, createdAt);
    const wsIds = plan.ws.map((n) => workstreamIds.get(n)!);
    for (const workstreamId of wsIds) tx.insert(measureWorkstreams).values({ measureId: row.id, workstreamId }).run();
    recordLinkSet(tx, measureWorkstreamLinks, row.id, wsIds, createdAt);
    const obIds = plan.obligations.flatMap((code) => obligationIds.get(code) ?? []);
    for (const obligationId of obIds) tx.insert(measureObligations).values({ measureId: row.id, obligationId }).run();
    recordLinkSet(tx, measureObligationLinks, row.id, obIds, createdAt);
    for (const [period, target] of plan.target) {
      const t = tx
        .insert(measureTargets)
        .values({ measureId: row.id, period, target: scaled(plan, target), createdAt, updatedAt: createdAt })
        .returning()
        .get();
      recordVersion(tx, measureTargetSpec, t.id, t, createdAt);
    }
    insertValues(tx, today, plan, row.id, people[plan.owner]);
  }
  insertCsfProfile(tx, today, workstreamIds);
}

function insertValues(tx: Tx, today: string, plan: MeasurePlan, measureId: number, ownerId: number) {
  const noise = rng(`measure:${plan.key}`).next;
  const first = plan.actual[0]![0] > "2022-01" ? plan.actual[0]![0] : "2022-01";
  for (const period of periodRange(first, today.slice(0, 7))) {
    const value = storyValue(plan, period, noise);
    const filed = addDays(periodEnd(period), FILED_AFTER_DAYS);
    if (value === null || filed > today || plan.missing?.includes(period)) continue;
    const filedAt = at(filed, "16:00");
    const row = tx
      .insert(measureValues)
      .values({ measureId, period, value, sourceNote: plan.source, enteredById: ownerId, createdAt: filedAt, updatedAt: filedAt })
      .returning()
      .get();
    recordVersion(tx, measureValueSpec, row.id, row, filedAt);
    const correction = plan.correction;
    if (correction && correction[0] === period && addDays(filed, correction[2]) <= today) {
      const correctedAt = at(addDays(filed, correction[2]), "16:00");
      const fixed = {
        ...row,
        value: scaled(plan, correction[1]),
        sourceNote: `${plan.source} (corrected: two incidents reclassified)`,
        version: 2,
        updatedAt: correctedAt,
      };
      tx.update(measureValues)
        .set({ value: fixed.value, sourceNote: fixed.sourceNote, version: 2, updatedAt: correctedAt })
        .where(eqId(measureValues.id, row.id))
        .run();
      recordVersion(tx, measureValueSpec, row.id, fixed, correctedAt);
    }
  }
}

/**
 * Where the nine workstreams' work lands in CSF 2.0, and the tiers the CISO
 * office assessed: at plan approval, after the first-year assessment
 * (January 2023) and after the decree's independent assessment (January 2025).
 */
const WORKSTREAM_CATEGORIES: Record<number, CsfCategory[]> = {
  1: ["ID.AM", "ID.RA", "DE.CM"],
  2: ["PR.IR", "PR.PS"],
  3: ["PR.AA", "PR.DS"],
  4: ["PR.AA"],
  5: ["PR.DS", "ID.AM"],
  6: ["DE.CM", "DE.AE", "RS.MA", "RS.AN", "RS.MI"],
  7: ["RS.CO", "RC.CO"],
  8: ["GV.OC", "GV.RM", "GV.RR", "GV.PO", "GV.OV", "GV.SC", "ID.IM"],
  9: ["PR.AT"],
};

// Tiers: [at plan approval, January 2023, January 2025], then the target. RC.RP is the profile's open gap: no workstream owns recovery plans.
const TIERS: Record<CsfCategory, [number, number, number, number]> = {
  "GV.OC": [2, 2, 3, 3],
  "GV.RM": [1, 2, 3, 4],
  "GV.RR": [2, 3, 3, 4],
  "GV.PO": [2, 2, 3, 3],
  "GV.OV": [1, 2, 3, 4],
  "GV.SC": [1, 2, 2, 3],
  "ID.AM": [1, 2, 3, 4],
  "ID.RA": [2, 2, 3, 4],
  "ID.IM": [1, 2, 2, 3],
  "PR.AA": [1, 2, 3, 4],
  "PR.AT": [2, 2, 3, 3],
  "PR.DS": [1, 2, 3, 4],
  "PR.PS": [2, 2, 3, 4],
  "PR.IR": [1, 2, 3, 4],
  "DE.CM": [1, 2, 3, 4],
  "DE.AE": [2, 2, 3, 4],
  "RS.MA": [2, 3, 3, 4],
  "RS.AN": [2, 2, 3, 4],
  "RS.CO": [2, 2, 3, 3],
  "RS.MI": [2, 3, 3, 4],
  "RC.RP": [2, 2, 2, 3],
  "RC.CO": [2, 2, 3, 3],
};
const ASSESSED = [PLAN_APPROVED, "2023-01-20", "2025-01-24"];

const RISK_CATEGORY: Record<string, CsfCategory> = {
  "Customer harm": "RS.CO",
  Data: "PR.DS",
  Detection: "DE.CM",
  "External exposure": "ID.AM",
  Financial: "GV.RM",
  Fraud: "PR.AA",
  Governance: "GV.OV",
  Identity: "PR.AA",
  Network: "PR.IR",
  People: "PR.AT",
  Regulatory: "GV.OC",
  Resilience: "RC.RP",
  "Third party": "GV.SC",
  Vulnerability: "ID.RA",
};

function insertCsfProfile(tx: Tx, today: string, workstreamIds: WorkstreamIds) {
  for (const category of CSF_CATEGORIES) {
    const [first, ...later] = TIERS[category];
    const target = TIERS[category][3];
    const createdAt = at(PLAN_APPROVED, "18:00");
    let row = tx.insert(csfCategoryTiers).values({ category, currentTier: first, targetTier: target, createdAt, updatedAt: createdAt }).returning().get();
    recordVersion(tx, csfTierSpec, row.id, row, createdAt);
    later.slice(0, 2).forEach((tier, i) => {
      const day = ASSESSED[i + 1]!;
      if (day > today || tier === row.currentTier) return;
      const when = at(day, "18:00");
      row = tx
        .update(csfCategoryTiers)
        .set({ currentTier: tier, version: row.version + 1, updatedAt: when })
        .where(eqId(csfCategoryTiers.id, row.id))
        .returning()
        .get();
      recordVersion(tx, csfTierSpec, row.id, row, when);
    });
  }
  // Each mapping is in force from its workstream's or risk's creation, as the migration back-fills links.
  const created = new Map(
    tx
      .select({ id: workstreams.id, createdAt: workstreams.createdAt })
      .from(workstreams)
      .all()
      .map((w) => [w.id, w.createdAt]),
  );
  for (const [n, categories] of Object.entries(WORKSTREAM_CATEGORIES)) {
    const workstreamId = workstreamIds.get(Number(n));
    if (workstreamId) setWorkstreamCsfCategories(tx, workstreamId, categories, created.get(workstreamId));
  }
  for (const r of tx.select({ id: risks.id, category: risks.category, createdAt: risks.createdAt }).from(risks).all()) {
    const category = RISK_CATEGORY[r.category];
    if (category) setRiskCsfCategories(tx, r.id, [category], r.createdAt);
  }
}
