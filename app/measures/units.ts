import type { MeasureDirection, MeasureUnit } from "#db/schema/measures";

/**
 * Measures store integers (never floats) in each unit's scale: percent in
 * hundredths of a percent, days in hundredths of a day, counts in whole
 * units, money in cents (decision 007). One place converts to and from text.
 */
export const UNIT_SCALE: Record<MeasureUnit, number> = { percent: 100, days: 100, count: 1, money: 100 };
const DECIMALS: Record<MeasureUnit, number> = { percent: 2, days: 2, count: 0, money: 2 };

export const UNIT_LABELS: Record<MeasureUnit, string> = { percent: "percent", count: "count", days: "days", money: "money (USD)" };
export const DIRECTION_LABELS: Record<MeasureDirection, string> = { higher_better: "higher is better", lower_better: "lower is better" };

/** A typed number ("97.5", "1,234", "-3") in the unit's scale, or null when it is not one or has more decimals than the unit keeps. */
export function parseMeasureValue(text: string, unit: MeasureUnit): number | null {
  const clean = text.trim().replace(/,/g, "").replace(/%$/, "").replace(/^\$/, "");
  const m = /^(-?)(\d{1,13})(?:\.(\d+))?$/.exec(clean);
  if (!m) return null;
  const decimals = DECIMALS[unit];
  const fraction = m[3] ?? "";
  if (fraction.length > decimals) return null;
  const scaled = Number(m[2]) * UNIT_SCALE[unit] + (decimals ? Number(fraction.padEnd(decimals, "0")) : 0);
  if (!Number.isSafeInteger(scaled)) return null;
  return m[1] === "-" && scaled !== 0 ? -scaled : scaled;
}

/** The stored integer as the unit writes it, without the unit sign: 9750 percent → "97.5". */
export function measureNumber(value: number, unit: MeasureUnit): string {
  const scale = UNIT_SCALE[unit];
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  const whole = Math.floor(abs / scale);
  const fraction =
    scale === 1
      ? ""
      : String(abs % scale)
          .padStart(DECIMALS[unit], "0")
          .replace(/0+$/, "");
  return `${sign}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** For people: "97.5%", "12.25 days", "1,234", "$1,234.50". */
export function formatMeasure(value: number | null | undefined, unit: MeasureUnit): string {
  if (value === null || value === undefined) return "—";
  const n = measureNumber(value, unit);
  const [whole, fraction] = n.split(".") as [string, string | undefined];
  const grouped = `${whole.startsWith("-") ? "-" : ""}${Number(whole.replace("-", "")).toLocaleString("en-US")}${fraction ? `.${fraction}` : ""}`;
  if (unit === "percent") return `${grouped}%`;
  if (unit === "days") return `${grouped} ${n === "1" ? "day" : "days"}`;
  if (unit === "money") return `${grouped.startsWith("-") ? "-$" + grouped.slice(1) : "$" + grouped}`;
  return grouped;
}
