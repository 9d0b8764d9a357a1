import type { MeasureCadence, MeasureDirection, MeasureKind } from "#db/schema/measures";
import { addDays } from "~/money/fiscal";
import { addMonths, monthIndex, periodEnd, periodOf, reportsIn } from "./periods";

/**
 * The pure rules of a measure (docs/figures.md#measures): the glide path's
 * target for a period, a value's status against it, the findings of a
 * series. The figures layer reads the rows as of a date and calls these.
 */
export type TargetPoint = { period: string; target: number };
export type MeasureRules = {
  direction: MeasureDirection;
  kind: MeasureKind;
  cadence: MeasureCadence;
  amberTolerance: number;
  redTolerance: number;
  appetite: number | null;
};
export type MeasureStatus = "on_track" | "amber" | "red";

/** floor(num / den + 1/2) for den > 0: halves round up (toward +∞), in integers. */
function roundHalfUp(num: number, den: number): number {
  return Math.floor((2 * num + den) / (2 * den));
}

/**
 * The target for a period from the glide path's points (sorted by period):
 * none before the first point; a point's own target on its period; between
 * two points, linear in months from the earlier one, rounded half up to the
 * unit's stored scale; after the last point, the last target holds.
 */
export function targetFor(points: readonly TargetPoint[], period: string): number | null {
  const i = monthIndex(period);
  let before: TargetPoint | null = null;
  for (const p of points) {
    const j = monthIndex(p.period);
    if (j === i) return p.target;
    if (j < i) before = p;
    else {
      if (!before) return null;
      const from = monthIndex(before.period);
      return before.target + roundHalfUp((p.target - before.target) * (i - from), j - from);
    }
  }
  return before ? before.target : null;
}

/** How far the value falls short of the target in the measure's bad direction (negative: better than target). */
export function shortfall(rules: Pick<MeasureRules, "direction">, value: number, target: number): number {
  return rules.direction === "higher_better" ? target - value : value - target;
}

/** A KRI beyond its appetite: below it when higher is better, above it when lower is better. At the appetite is within it. */
export function outsideAppetite(rules: Pick<MeasureRules, "direction" | "kind" | "appetite">, value: number): boolean {
  if (rules.kind !== "kri" || rules.appetite === null) return false;
  return rules.direction === "higher_better" ? value < rules.appetite : value > rules.appetite;
}

/**
 * A value's status against its period's target: on track while the
 * shortfall is at most the amber tolerance, amber up to the red tolerance,
 * red beyond it (strict, like every RAG threshold: at a tolerance stays at
 * the lower colour); a KRI outside its appetite is red whatever its target.
 */
export function judge(rules: MeasureRules, value: number, target: number | null): MeasureStatus | null {
  if (outsideAppetite(rules, value)) return "red";
  if (target === null) return null;
  const gap = shortfall(rules, value, target);
  if (gap > rules.redTolerance) return "red";
  if (gap > rules.amberTolerance) return "amber";
  return "on_track";
}

export type SeriesPoint = { period: string; value: number | null; target: number | null; status: MeasureStatus | null };

export type MeasureEvaluation = {
  series: SeriesPoint[];
  /** The latest period with a value known as of the date. */
  latest: (SeriesPoint & { value: number }) | null;
  /** Consecutive reporting periods, ending with the latest value, whose status is red (a period without a value ends the run). */
  redStreak: number;
  latestOutsideAppetite: boolean;
  /** The latest period whose value was due by the date (its month end + grace days, before the date) and is not there. */
  missingPeriod: string | null;
  /** Latest value against the value for the period three months before it. */
  quarterChange: { fromPeriod: string; fromValue: number; change: number; improved: boolean } | null;
};

/**
 * Everything a measure says as of a date, from its rules, glide path and the
 * values known then (`values`: period → value, periods up to the as-of month).
 * The series runs over the reporting periods from the first target or value
 * to the as-of month. A value is due `graceDays` after its month ends.
 */
export function evaluateMeasure(
  rules: MeasureRules,
  points: readonly TargetPoint[],
  values: ReadonlyMap<string, number>,
  opts: { asOf: string; graceDays: number; fyStartMonth: number },
): MeasureEvaluation {
  const asOfPeriod = opts.asOf.slice(0, 7);
  const firsts = [points[0]?.period, ...[...values.keys()].sort().slice(0, 1)].filter((p): p is string => Boolean(p));
  const start = firsts.length ? firsts.reduce((a, b) => (a < b ? a : b)) : null;
  const series: SeriesPoint[] = [];
  if (start) {
    for (let i = monthIndex(start); i <= monthIndex(asOfPeriod); i++) {
      const period = periodOf(i);
      if (!reportsIn(period, rules.cadence, opts.fyStartMonth) && !values.has(period)) continue;
      const value = values.get(period) ?? null;
      const target = targetFor(points, period);
      series.push({ period, value, target, status: value === null ? null : judge(rules, value, target) });
    }
  }
  const valued = series.filter((p): p is SeriesPoint & { value: number } => p.value !== null);
  const latest = valued.at(-1) ?? null;

  let redStreak = 0;
  if (latest) {
    for (let k = series.indexOf(latest); k >= 0 && series[k]!.status === "red"; k--) redStreak++;
  }

  // The latest reporting period already due: its month end plus the grace period lies before the date.
  let missingPeriod: string | null = null;
  const firstExpected = points[0]?.period ?? null;
  for (let i = monthIndex(asOfPeriod); firstExpected && i >= monthIndex(firstExpected); i--) {
    const period = periodOf(i);
    if (!reportsIn(period, rules.cadence, opts.fyStartMonth)) continue;
    if (addDays(periodEnd(period), opts.graceDays) >= opts.asOf) continue;
    if (!values.has(period)) missingPeriod = period;
    break;
  }

  let quarterChange: MeasureEvaluation["quarterChange"] = null;
  if (latest) {
    const fromPeriod = addMonths(latest.period, -3);
    const fromValue = values.get(fromPeriod);
    if (fromValue !== undefined) {
      const change = latest.value - fromValue;
      quarterChange = { fromPeriod, fromValue, change, improved: rules.direction === "higher_better" ? change > 0 : change < 0 };
    }
  }

  return { series, latest, redStreak, latestOutsideAppetite: latest ? outsideAppetite(rules, latest.value) : false, missingPeriod, quarterChange };
}
