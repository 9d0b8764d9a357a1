import type { MeasureDirection, MeasureUnit } from "#db/schema/measures";
import type { SeriesPoint } from "../glide-path";
import { shortPeriodLabel } from "../periods";
import { formatMeasure } from "../units";

type Props = {
  title: string;
  unit: MeasureUnit;
  direction: MeasureDirection;
  series: SeriesPoint[];
  amberTolerance: number;
  redTolerance: number;
  appetite: number | null;
  width?: number;
  height?: number;
};

const PAD = { left: 44, right: 8, top: 8, bottom: 18 };

/**
 * A measure's actual values against its glide path, server-rendered SVG: the
 * amber band (beyond the amber tolerance) and the red zone (beyond the red
 * tolerance) shaded on the measure's bad side of the target, a KRI's
 * appetite as a line. The table beneath each chart carries the same numbers
 * for screen readers.
 */
export function MeasureChart({ title, unit, direction, series, amberTolerance, redTolerance, appetite, width = 300, height = 130 }: Props) {
  const bad = direction === "higher_better" ? -1 : 1;
  const targeted = series.filter((p) => p.target !== null);
  const numbers = [
    ...series.flatMap((p) => (p.value === null ? [] : [p.value])),
    ...targeted.flatMap((p) => [p.target!, p.target! + bad * redTolerance * 1.5]),
    ...(appetite === null ? [] : [appetite]),
  ];
  if (!series.length || !numbers.length) {
    return (
      <svg role="img" aria-label={`${title}: no values yet`} width={width} height={height} className="block">
        <text x={width / 2} y={height / 2} textAnchor="middle" className="fill-slate-500 text-xs">
          No values yet
        </text>
      </svg>
    );
  }
  let lo = Math.min(...numbers);
  let hi = Math.max(...numbers);
  if (unit === "percent") {
    lo = Math.max(0, lo);
    hi = Math.min(10000, hi);
  }
  if (hi === lo) hi = lo + 1;
  const innerW = width - PAD.left - PAD.right;
  const innerH = height - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (series.length === 1 ? innerW / 2 : (i * innerW) / (series.length - 1));
  const y = (v: number) => PAD.top + innerH - ((Math.min(Math.max(v, lo), hi) - lo) * innerH) / (hi - lo);
  const edge = bad < 0 ? lo : hi;
  const idx = (p: SeriesPoint) => series.indexOf(p);
  const band = (from: (t: number) => number, to: (t: number) => number) =>
    targeted.length
      ? [...targeted.map((p) => `${x(idx(p))},${y(from(p.target!))}`), ...[...targeted].reverse().map((p) => `${x(idx(p))},${y(to(p.target!))}`)].join(" ")
      : "";
  const amberEdge = (t: number) => t + bad * amberTolerance;
  const redEdge = (t: number) => t + bad * redTolerance;
  const valued = series.filter((p) => p.value !== null);
  const path = (pts: Array<[number, number]>) => pts.map(([px, py], i) => `${i ? "L" : "M"}${px.toFixed(1)},${py.toFixed(1)}`).join(" ");
  const ticks = series.length > 1 ? [series[0]!, series.at(-1)!] : [series[0]!];
  return (
    <svg role="img" aria-label={`${title}: actual against target`} width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="block">
      {targeted.length ? (
        <>
          <polygon points={band(amberEdge, redEdge)} className="fill-amber-200" opacity={0.7} />
          <polygon points={band(redEdge, () => edge)} className="fill-red-200" opacity={0.7} />
          <path d={path(targeted.map((p) => [x(idx(p)), y(p.target!)]))} className="stroke-slate-500" strokeDasharray="4 3" fill="none" strokeWidth={1.5} />
        </>
      ) : null}
      {appetite !== null ? (
        <line x1={PAD.left} x2={width - PAD.right} y1={y(appetite)} y2={y(appetite)} className="stroke-red-700" strokeDasharray="2 2" />
      ) : null}
      <path d={path(valued.map((p) => [x(idx(p)), y(p.value!)]))} className="stroke-sky-700" fill="none" strokeWidth={2} />
      {valued.length ? <circle cx={x(idx(valued.at(-1)!))} cy={y(valued.at(-1)!.value!)} r={3} className="fill-sky-700" /> : null}
      <text x={PAD.left - 4} y={y(hi) + 4} textAnchor="end" className="fill-slate-500" fontSize={9}>
        {formatMeasure(Math.round(hi), unit)}
      </text>
      <text x={PAD.left - 4} y={y(lo)} textAnchor="end" className="fill-slate-500" fontSize={9}>
        {formatMeasure(Math.round(lo), unit)}
      </text>
      {ticks.map((p) => (
        <text key={p.period} x={x(idx(p))} y={height - 4} textAnchor={idx(p) === 0 ? "start" : "end"} className="fill-slate-500" fontSize={9}>
          {shortPeriodLabel(p.period)}
        </text>
      ))}
    </svg>
  );
}
