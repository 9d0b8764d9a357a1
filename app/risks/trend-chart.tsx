import { RISK_LEVELS, type RiskLevel } from "#db/schema/enums";
import type { TrendPoint } from "~/figures/risks.server";

const W = 720;
const H = 220;
const PAD = { left: 40, right: 48, top: 10, bottom: 40 };

/**
 * Stacked bars of risks by level at each quarter end, with the sum of
 * current scores as a line on its own axis, in server-rendered SVG.
 */
export function RiskTrendChart({ points, colours }: { points: TrendPoint[]; colours: Record<RiskLevel, string> }) {
  if (!points.length) return <p className="text-sm text-slate-500">No assessments yet.</p>;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const maxCount = Math.max(1, ...points.map((p) => p.risks));
  const maxScore = Math.max(1, ...points.map((p) => p.scoreSum));
  const step = plotW / points.length;
  const barW = Math.max(4, step * 0.6);
  const yCount = (n: number) => PAD.top + plotH - (n / maxCount) * plotH;
  const yScore = (n: number) => PAD.top + plotH - (n / maxScore) * plotH;
  const line = points.map((p, k) => `${PAD.left + step * k + step / 2},${yScore(p.scoreSum)}`).join(" ");
  const labelEvery = Math.ceil(points.length / 12);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="w-full max-w-3xl" role="img" aria-labelledby="risk-trend-title">
      <title id="risk-trend-title">Risks by level and sum of current scores at each quarter end</title>
      <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} stroke="#94a3b8" />
      <text x={PAD.left - 6} y={PAD.top + 8} textAnchor="end" fontSize={10} fill="#475569">
        {maxCount}
      </text>
      <text x={W - PAD.right + 6} y={PAD.top + 8} fontSize={10} fill="#1e3a8a">
        {maxScore}
      </text>
      {points.map((p, k) => {
        const x = PAD.left + step * k + (step - barW) / 2;
        let base = 0;
        return (
          <g key={p.quarter}>
            {RISK_LEVELS.map((level) => {
              const n = p.byLevel[level];
              if (!n) return null;
              const y0 = yCount(base);
              base += n;
              const y1 = yCount(base);
              return (
                <rect key={level} x={x} y={y1} width={barW} height={y0 - y1} fill={colours[level]}>
                  <title>{`${p.quarter}: ${n} ${level}`}</title>
                </rect>
              );
            })}
            {k % labelEvery === 0 ? (
              <text x={x + barW / 2} y={H - PAD.bottom + 14} textAnchor="middle" fontSize={9} fill="#475569">
                {p.quarter.replace("FY", "")}
              </text>
            ) : null}
          </g>
        );
      })}
      <polyline points={line} fill="none" stroke="#1e3a8a" strokeWidth={2} />
      {points.map((p, k) => (
        <circle key={p.quarter} cx={PAD.left + step * k + step / 2} cy={yScore(p.scoreSum)} r={2.5} fill="#1e3a8a">
          <title>{`${p.quarter}: score sum ${p.scoreSum}`}</title>
        </circle>
      ))}
      <text x={PAD.left} y={H - 6} fontSize={10} fill="#475569">
        Bars: risks by level (left axis) · Line: sum of current scores (right axis)
      </text>
    </svg>
  );
}
