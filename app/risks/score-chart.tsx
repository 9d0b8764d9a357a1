import { daysBetween } from "~/money/fiscal";

type Point = { assessedOn: string; likelihood: number; impact: number };

const W = 640;
const H = 200;
const PAD = { left: 32, right: 12, top: 10, bottom: 28 };

/**
 * A risk's score (likelihood × impact) over time as a step line in
 * server-rendered SVG: each assessment holds until the next one; the
 * dashed line is the target score.
 */
export function ScoreChart({ assessments, target, asOf }: { assessments: Point[]; target: number; asOf: string }) {
  if (!assessments.length) return <p className="text-sm text-slate-500">No assessments yet.</p>;
  const first = assessments[0]!.assessedOn;
  const last = asOf > assessments.at(-1)!.assessedOn ? asOf : assessments.at(-1)!.assessedOn;
  const span = Math.max(1, daysBetween(first, last));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (d: string) => PAD.left + (daysBetween(first, d) / span) * plotW;
  const y = (s: number) => PAD.top + plotH - (s / 25) * plotH;
  let path = "";
  assessments.forEach((a, k) => {
    const s = a.likelihood * a.impact;
    path += k === 0 ? `M${x(a.assessedOn)},${y(s)}` : `H${x(a.assessedOn)}V${y(s)}`;
  });
  path += `H${x(last)}`;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="w-full max-w-2xl" role="img" aria-labelledby="score-chart-title" data-testid="score-chart">
      <title id="score-chart-title">Current score over time, from {assessments.length} assessments</title>
      {[0, 5, 10, 15, 20, 25].map((s) => (
        <g key={s}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(s)} y2={y(s)} stroke="#e2e8f0" />
          <text x={PAD.left - 4} y={y(s) + 3} textAnchor="end" fontSize={9} fill="#64748b">
            {s}
          </text>
        </g>
      ))}
      <line x1={PAD.left} x2={W - PAD.right} y1={y(target)} y2={y(target)} stroke="#16a34a" strokeDasharray="4 3" />
      <text x={W - PAD.right} y={y(target) - 3} textAnchor="end" fontSize={9} fill="#15803d">
        target {target}
      </text>
      <path d={path} fill="none" stroke="#1e3a8a" strokeWidth={2} />
      {assessments.map((a) => (
        <circle key={`${a.assessedOn}-${a.likelihood}-${a.impact}`} cx={x(a.assessedOn)} cy={y(a.likelihood * a.impact)} r={3} fill="#1e3a8a">
          <title>{`${a.assessedOn}: ${a.likelihood} × ${a.impact} = ${a.likelihood * a.impact}`}</title>
        </circle>
      ))}
      <text x={PAD.left} y={H - 8} fontSize={9} fill="#64748b">
        {first}
      </text>
      <text x={W - PAD.right} y={H - 8} textAnchor="end" fontSize={9} fill="#64748b">
        {last}
      </text>
    </svg>
  );
}
