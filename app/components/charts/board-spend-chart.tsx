import type { SpendPoint } from "~/board/snapshot.server";
import { formatCentsShort } from "~/utils/format";

const W = 720;
const H = 280;
const M = { top: 16, right: 16, bottom: 44, left: 72 };
const COLORS = { plan: "#64748b", actual: "#0369a1", committed: "#d97706" };

/**
 * Cumulative plan, actuals and commitments at each quarter's end, up to the
 * report's quarter. Plain SVG with presentation attributes only, so the same
 * markup serves the page, print and the PDF (svg-to-pdfkit).
 */
export function BoardSpendChart({ points, title }: { points: SpendPoint[]; title: string }) {
  const n = points.length;
  if (!n) return <p className="text-sm text-slate-500">No quarters to chart.</p>;
  const max = Math.max(1, ...points.flatMap((p) => [p.planCents, p.actualCents, p.committedCents]));
  const x = (i: number) => M.left + (n === 1 ? 0.5 : i / (n - 1)) * (W - M.left - M.right);
  const y = (cents: number) => H - M.bottom - (cents / max) * (H - M.top - M.bottom);
  const line = (get: (p: SpendPoint) => number) => points.map((p, i) => `${x(i).toFixed(1)},${y(get(p)).toFixed(1)}`).join(" ");
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f));
  const every = Math.max(1, Math.ceil(n / 8));
  const last = points[n - 1]!;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      role="img"
      aria-label={title}
      className="h-auto w-full max-w-3xl"
      data-testid="board-spend-chart"
    >
      <title>{`${title}: plan ${formatCentsShort(last.planCents)}, actual ${formatCentsShort(last.actualCents)}, committed ${formatCentsShort(last.committedCents)}`}</title>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" strokeWidth={1} />
          <text x={M.left - 6} y={y(t) + 4} textAnchor="end" fontSize={11} fill="#475569">
            {formatCentsShort(t)}
          </text>
        </g>
      ))}
      {points.map((p, i) =>
        (n - 1 - i) % every === 0 ? (
          <text key={p.quarter} x={x(i)} y={H - M.bottom + 16} textAnchor="middle" fontSize={10} fill="#475569">
            {p.quarter}
          </text>
        ) : null,
      )}
      <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} stroke="#94a3b8" strokeWidth={1} />
      <polyline points={line((p) => p.planCents)} fill="none" stroke={COLORS.plan} strokeWidth={2} strokeDasharray="6 4" />
      <polyline points={line((p) => p.committedCents)} fill="none" stroke={COLORS.committed} strokeWidth={2} />
      <polyline points={line((p) => p.actualCents)} fill="none" stroke={COLORS.actual} strokeWidth={2.5} />
      {(
        [
          ["Plan", COLORS.plan],
          ["Actual", COLORS.actual],
          ["Committed", COLORS.committed],
        ] as const
      ).map(([label, color], i) => (
        <g key={label}>
          <line x1={M.left + i * 120} x2={M.left + i * 120 + 24} y1={H - 10} y2={H - 10} stroke={color} strokeWidth={3} />
          <text x={M.left + i * 120 + 30} y={H - 6} fontSize={11} fill="#334155">
            {label}
          </text>
        </g>
      ))}
    </svg>
  );
}
