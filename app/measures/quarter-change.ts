import type { MeasureUnit } from "#db/schema/measures";
import { formatMeasure } from "./units";

/**
 * A measure's change over the quarter in words, the same on screen and in the
 * PDF: "+0.34% (better)", "-1% (worse)", "0% (no change)", or "—" when the
 * value three months earlier is missing. `improved` is the figure's own
 * verdict (docs/figures.md#measures); a change that is not an improvement
 * and not zero moved in the bad direction.
 */
export function quarterChangeText(change: number | null, improved: boolean | null, unit: MeasureUnit): string {
  if (change === null) return "—";
  const word = improved ? "better" : change === 0 ? "no change" : "worse";
  return `${change > 0 ? "+" : ""}${formatMeasure(change, unit)} (${word})`;
}
