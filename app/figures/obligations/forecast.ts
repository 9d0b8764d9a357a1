import { mulDivFloor, ratioBp } from "~/money/cents";
import { daysBetween } from "~/money/fiscal";

export type SpendForecast = {
  progressCents: number;
  targetCents: number;
  /** Share of the target reached, in basis points. */
  progressBp: number | null;
  phase: "before" | "open" | "closed";
  elapsedDays: number;
  windowDays: number;
  /** Spend at the end of the window if the run rate since the window opened continues. */
  projectedCents: number | null;
  /** What must still be spent per 30 days to reach the target by the end of the window. */
  neededPer30DaysCents: number | null;
  /** true/false once there is a run rate to judge by; null before the window opens. */
  willMeet: boolean | null;
};

/**
 * Linear run-rate forecast of a spend obligation: the spend counted from the
 * window's start to the as-of date, carried on at the same daily rate to the
 * window's end. Integer arithmetic throughout (cents × days ÷ days).
 */
export function forecastSpend(o: { targetCents: number; windowStart: string; windowEnd: string }, progressCents: number, asOf: string): SpendForecast {
  const windowDays = daysBetween(o.windowStart, o.windowEnd) + 1;
  const base = { progressCents, targetCents: o.targetCents, progressBp: ratioBp(progressCents, o.targetCents), windowDays };
  if (asOf < o.windowStart) {
    return {
      ...base,
      phase: "before",
      elapsedDays: 0,
      projectedCents: null,
      neededPer30DaysCents: null,
      willMeet: progressCents >= o.targetCents ? true : null,
    };
  }
  if (asOf >= o.windowEnd) {
    return {
      ...base,
      phase: "closed",
      elapsedDays: windowDays,
      projectedCents: progressCents,
      neededPer30DaysCents: 0,
      willMeet: progressCents >= o.targetCents,
    };
  }
  const elapsedDays = daysBetween(o.windowStart, asOf) + 1;
  const projectedCents = mulDivFloor(progressCents, windowDays, elapsedDays);
  const short = Math.max(0, o.targetCents - progressCents);
  return {
    ...base,
    phase: "open",
    elapsedDays,
    projectedCents,
    neededPer30DaysCents: mulDivFloor(short, 30, windowDays - elapsedDays),
    willMeet: projectedCents >= o.targetCents,
  };
}
