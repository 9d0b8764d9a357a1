import type { MeasureUnit } from "#db/schema/measures";
import { formatMeasure } from "../units";

type Point = { quarter: string; value: number | null; target: number | null };

const W = 112;
const H = 30;
const PAD = 3;

/**
 * A key measure's quarter-end values as a small server-rendered SVG line,
 * with the targets dashed beneath: the board's trend at a glance. The label
 * carries the same numbers for screen readers; the table beside it shows them.
 */
export function OutcomeSparkline({ name, unit, trend }: { name: string; unit: MeasureUnit; trend: Point[] }) {
  const numbers = trend.flatMap((p) => [p.value, p.target]).filter((n): n is number => n !== null);
  const label = `${name}, quarter-end trend: ${trend.map((p) => `${p.quarter} ${formatMeasure(p.value, unit)}`).join(", ")}`;
  if (!numbers.length) {
    return (
      <svg role="img" aria-label={`${name}: no quarter-end values`} width={W} height={H} className="block">
        <line x1={PAD} x2={W - PAD} y1={H / 2} y2={H / 2} className="stroke-slate-300" strokeDasharray="2 2" />
      </svg>
    );
  }
  const lo = Math.min(...numbers);
  const hi = Math.max(...numbers) === lo ? lo + 1 : Math.max(...numbers);
  const x = (i: number) => PAD + (trend.length === 1 ? (W - 2 * PAD) / 2 : (i * (W - 2 * PAD)) / (trend.length - 1));
  const y = (v: number) => PAD + ((hi - v) * (H - 2 * PAD)) / (hi - lo);
  // A quarter without a value breaks the line rather than joining its neighbours across the gap.
  const line = (pick: (p: Point) => number | null) =>
    trend
      .map((p, i) => {
        const v = pick(p);
        if (v === null) return "";
        const joined = i > 0 && pick(trend[i - 1]!) !== null;
        return `${joined ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      })
      .join(" ")
      .trim();
  const lastIndex = trend.map((p) => p.value !== null).lastIndexOf(true);
  return (
    <svg role="img" aria-label={label} width={W} height={H} viewBox={`0 0 ${W} ${H}`} className="block" data-testid="outcome-sparkline">
      <path d={line((p) => p.target)} className="stroke-slate-400" strokeDasharray="3 2" fill="none" strokeWidth={1} />
      <path d={line((p) => p.value)} className="stroke-sky-700" fill="none" strokeWidth={1.75} />
      {lastIndex >= 0 ? <circle cx={x(lastIndex)} cy={y(trend[lastIndex]!.value!)} r={2.5} className="fill-sky-700" /> : null}
    </svg>
  );
}
