import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import {
  measureHistory,
  measureObligationHistory,
  measures,
  measureTargetHistory,
  measureValueHistory,
  measureWorkstreamHistory,
  obligations,
  users,
  workstreams,
} from "#db/schema";
import type { CsfCategory, MeasureCadence, MeasureDirection, MeasureKind, MeasureUnit } from "#db/schema/measures";
import { asOfInstant } from "~/history/as-of.server";
import { inForceAt } from "~/history/versions.server";
import { evaluateMeasure, type MeasureEvaluation, type MeasureStatus, type TargetPoint } from "~/measures/glide-path";
import { type FiscalQuarter, formatQuarter, quarterBounds } from "~/money/fiscal";
import { getProgram } from "~/settings/settings.server";
import { getSettingAsOf } from "./settings.server";

/**
 * Outcome measures as of a day D (docs/figures.md#measures):
 * - a measure exists as of D when a version of its definition is in force in
 *   measure_history at the end of D; its unit, direction, kind, cadence,
 *   tolerances, appetite, owner and CSF category are that version's;
 * - its glide path is the target points in force then (measure_target_history);
 * - its values are the versions in force then (measure_value_history) for
 *   periods up to D's month: a correction entered after D changes nothing as of D;
 * - its linked workstreams and obligations are the links in force then;
 * - a value is due `outcomeMissingGraceDays` (rag_thresholds in force at D) after its month ends.
 * The rules (interpolation, status, findings) are pure: app/measures/glide-path.ts.
 */
type Reader = Pick<Db, "select">;

export type MeasureDefinition = {
  id: number;
  key: string;
  name: string;
  definition: string;
  unit: MeasureUnit;
  direction: MeasureDirection;
  kind: MeasureKind;
  cadence: MeasureCadence;
  csfCategory: CsfCategory;
  ownerId: number | null;
  ownerName: string | null;
  amberTolerance: number;
  redTolerance: number;
  appetite: number | null;
  boardKey: boolean;
};

export type MeasureFilters = { kind?: MeasureKind; csf?: CsfCategory; workstream?: string; status?: MeasureStatus | "missing"; q?: string; ownerId?: number };

/** Definitions in force at the end of D, by key. */
export function measureDefinitionsAsOf(db: Reader, asOf: string, only?: { key?: string }): MeasureDefinition[] {
  const h = measureHistory;
  return db
    .select({
      id: measures.id,
      key: measures.key,
      name: h.name,
      definition: measures.definition,
      unit: h.unit,
      direction: h.direction,
      kind: h.kind,
      cadence: h.cadence,
      csfCategory: h.csfCategory,
      ownerId: h.ownerId,
      ownerName: users.name,
      amberTolerance: h.amberTolerance,
      redTolerance: h.redTolerance,
      appetite: h.appetite,
      boardKey: h.boardKey,
    })
    .from(h)
    .innerJoin(measures, eq(measures.id, h.measureId))
    .leftJoin(users, eq(users.id, h.ownerId))
    .where(and(inForceAt(h, asOfInstant(db, asOf)), only?.key ? eq(measures.key, only.key) : undefined))
    .orderBy(asc(measures.key))
    .all();
}

/** The glide-path points in force at the end of D, per measure, by period. */
export function targetPointsAsOf(db: Reader, asOf: string, measureIds: number[]): Map<number, TargetPoint[]> {
  const h = measureTargetHistory;
  const map = new Map<number, TargetPoint[]>();
  if (!measureIds.length) return map;
  const rows = db
    .select({ measureId: h.measureId, period: h.period, target: h.target })
    .from(h)
    .where(and(inForceAt(h, asOfInstant(db, asOf)), inArray(h.measureId, measureIds)))
    .orderBy(asc(h.measureId), asc(h.period))
    .all();
  for (const r of rows) map.set(r.measureId, [...(map.get(r.measureId) ?? []), { period: r.period, target: r.target }]);
  return map;
}

export type KnownValue = { value: number; sourceNote: string; validFrom: string };

/** The values known at the end of D for periods up to D's month, per measure and period. */
export function valuesAsOf(db: Reader, asOf: string, measureIds: number[]): Map<number, Map<string, KnownValue>> {
  const h = measureValueHistory;
  const map = new Map<number, Map<string, KnownValue>>();
  if (!measureIds.length) return map;
  const rows = db
    .select({ measureId: h.measureId, period: h.period, value: h.value, sourceNote: h.sourceNote, validFrom: h.validFrom })
    .from(h)
    .where(and(inForceAt(h, asOfInstant(db, asOf)), inArray(h.measureId, measureIds), lte(h.period, asOf.slice(0, 7))))
    .all();
  for (const r of rows) {
    const byPeriod = map.get(r.measureId) ?? new Map<string, KnownValue>();
    byPeriod.set(r.period, { value: r.value, sourceNote: r.sourceNote, validFrom: r.validFrom });
    map.set(r.measureId, byPeriod);
  }
  return map;
}

export type MeasureLinks = { workstreams: Array<{ id: number; code: string; name: string }>; obligations: Array<{ id: number; code: string; title: string }> };

/** The workstreams and obligations each measure evidenced at the end of D (measure_workstream_history, measure_obligation_history). */
export function measureLinks(db: Reader, asOf: string, measureIds: number[]): Map<number, MeasureLinks> {
  const map = new Map<number, MeasureLinks>();
  for (const id of measureIds) map.set(id, { workstreams: [], obligations: [] });
  if (!measureIds.length) return map;
  const at = asOfInstant(db, asOf);
  const wl = measureWorkstreamHistory;
  const ws = db
    .select({ measureId: wl.measureId, id: workstreams.id, code: workstreams.code, name: workstreams.name })
    .from(wl)
    .innerJoin(workstreams, eq(workstreams.id, wl.workstreamId))
    .where(and(inForceAt(wl, at), inArray(wl.measureId, measureIds)))
    .orderBy(asc(workstreams.code))
    .all();
  for (const { measureId, ...w } of ws) map.get(measureId)?.workstreams.push(w);
  const ol = measureObligationHistory;
  const obs = db
    .select({ measureId: ol.measureId, id: obligations.id, code: obligations.code, title: obligations.title })
    .from(ol)
    .innerJoin(obligations, eq(obligations.id, ol.obligationId))
    .where(and(inForceAt(ol, at), inArray(ol.measureId, measureIds)))
    .orderBy(asc(obligations.code))
    .all();
  for (const { measureId, ...o } of obs) map.get(measureId)?.obligations.push(o);
  return map;
}

export type MeasureFigure = MeasureDefinition &
  MeasureLinks &
  MeasureEvaluation & {
    targets: TargetPoint[];
    /** The status of the latest value (null: no value yet, or no target for its period). */
    status: MeasureStatus | null;
    sources: Map<string, KnownValue>;
  };

/** Every measure as of D with its glide path, values, status and findings (filters applied after evaluation). */
export function measureFigures(db: Reader, asOf: string, filters: MeasureFilters = {}): MeasureFigure[] {
  const { fiscalYearStartMonth } = getProgram(db);
  const graceDays = getSettingAsOf(db, "rag_thresholds", asOf).outcomeMissingGraceDays;
  let defs = measureDefinitionsAsOf(db, asOf);
  if (filters.kind) defs = defs.filter((d) => d.kind === filters.kind);
  if (filters.csf) defs = defs.filter((d) => d.csfCategory === filters.csf);
  if (filters.ownerId) defs = defs.filter((d) => d.ownerId === filters.ownerId);
  if (filters.q) {
    const q = filters.q.toLowerCase();
    defs = defs.filter((d) => d.key.toLowerCase().includes(q) || d.name.toLowerCase().includes(q));
  }
  const ids = defs.map((d) => d.id);
  const points = targetPointsAsOf(db, asOf, ids);
  const values = valuesAsOf(db, asOf, ids);
  const links = measureLinks(db, asOf, ids);
  const figures = defs.map((d) => {
    const targets = points.get(d.id) ?? [];
    const known = values.get(d.id) ?? new Map<string, KnownValue>();
    const plain = new Map([...known].map(([p, v]) => [p, v.value]));
    const evaluation = evaluateMeasure(d, targets, plain, { asOf, graceDays, fyStartMonth: fiscalYearStartMonth });
    return { ...d, ...links.get(d.id)!, ...evaluation, targets, status: evaluation.latest?.status ?? null, sources: known };
  });
  return figures.filter(
    (f) =>
      (!filters.workstream || f.workstreams.some((w) => w.code === filters.workstream)) &&
      (!filters.status || (filters.status === "missing" ? f.missingPeriod !== null : f.status === filters.status)),
  );
}

export type QuarterEndPoint = { quarter: string; period: string | null; value: number | null; target: number | null };

/**
 * The board trend (docs/figures.md#measures): for each fiscal quarter given,
 * the latest value in the measure's series whose month falls in that quarter
 * (its last month once filed), with that month's target; null where the
 * quarter has no value known as of the figure's date. The report's own
 * quarter thus ends on the latest value, not on a month not yet filed.
 */
export function quarterEndTrend(figure: Pick<MeasureFigure, "series">, quarters: FiscalQuarter[], fyStartMonth: number): QuarterEndPoint[] {
  return quarters.map((q) => {
    const { start, end } = quarterBounds(q, fyStartMonth);
    const inQuarter = figure.series.filter((p) => p.value !== null && p.period >= start.slice(0, 7) && p.period <= end.slice(0, 7));
    const point = inQuarter.at(-1);
    return { quarter: formatQuarter(q), period: point?.period ?? null, value: point?.value ?? null, target: point?.target ?? null };
  });
}

/** One measure as of D by key, or null when it did not exist then. */
export function measureFigure(db: Reader, asOf: string, key: string): MeasureFigure | null {
  return measureFigures(db, asOf).find((f) => f.key === key) ?? null;
}

/** The outcome dimension's input: per linked workstream, each measure off its glide path, outside appetite or missing a due value, as of D. */
export type OutcomeSignal = {
  key: string;
  name: string;
  unit: MeasureUnit;
  status: MeasureStatus | null;
  redStreak: number;
  outsideAppetite: boolean;
  period: string | null;
  value: number | null;
  target: number | null;
  missingPeriod: string | null;
};

export function outcomeSignalsByWorkstream(db: Reader, asOf: string): Array<OutcomeSignal & { workstreamId: number }> {
  return measureFigures(db, asOf).flatMap((f) => {
    const offTrack = f.status === "amber" || f.status === "red" || f.latestOutsideAppetite;
    if (!offTrack && f.missingPeriod === null) return [];
    const signal: OutcomeSignal = {
      key: f.key,
      name: f.name,
      unit: f.unit,
      status: offTrack ? f.status : null,
      redStreak: f.redStreak,
      outsideAppetite: f.latestOutsideAppetite,
      period: f.latest?.period ?? null,
      value: f.latest?.value ?? null,
      target: f.latest?.target ?? null,
      missingPeriod: f.missingPeriod,
    };
    return f.workstreams.map((w) => ({ ...signal, workstreamId: w.id }));
  });
}

/** Every recorded version of a measure's values, newest first: the evidence behind each figure and each correction. */
export function valueVersions(db: Reader, measureId: number) {
  const h = measureValueHistory;
  return db
    .select({ period: h.period, value: h.value, sourceNote: h.sourceNote, validFrom: h.validFrom, validTo: h.validTo, enteredBy: users.name })
    .from(h)
    .leftJoin(users, eq(users.id, h.enteredById))
    .where(eq(h.measureId, measureId))
    .orderBy(sql`${h.period} desc`, sql`${h.validFrom} desc`)
    .all();
}

/** The versions of a measure's definition (tolerances, appetite, owner…), newest first. */
export function definitionVersions(db: Reader, measureId: number) {
  const h = measureHistory;
  return db
    .select({
      validFrom: h.validFrom,
      validTo: h.validTo,
      amberTolerance: h.amberTolerance,
      redTolerance: h.redTolerance,
      appetite: h.appetite,
      ownerName: users.name,
      csfCategory: h.csfCategory,
    })
    .from(h)
    .leftJoin(users, eq(users.id, h.ownerId))
    .where(eq(h.measureId, measureId))
    .orderBy(sql`${h.validFrom} desc`)
    .all();
}
