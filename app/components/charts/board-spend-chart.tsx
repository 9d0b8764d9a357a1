import type { SpendPoint } from "~/board/snapshot.server";
import { formatCentsShort } from "~/utils/format";

const COLORS = { plan: "#64748b", actual: "#0369a1", committed: "#d97706" };

/**
 * Cumulative plan, actuals and commitments at each quarter's end, up to the
 * report's quarter. Plain SVG with presentation attributes only, so the same
 * markup serves the page, print and the PDF (svg-to-pdfkit). The viewBox is
 * drawn at the size it is printed (points in the PDF), so its text stays
 * legible there; on screen it scales to the width of its box. The legend sits
 * above the plot and the last quarter's label is anchored at its end, so
 * nothing is drawn outside the viewBox.
 */
export function BoardSpendChart({ points, title, width = 720, height = 280 }: { points: SpendPoint[]; title: string; width?: number; height?: number }) {
  const n = points.length;
  if (!n) return <p className="text-sm text-slate-500">No quarters to chart.</p>;
  const fs = width < 400 ? 7 : 11;
  const M = { top: fs * 2.6, right: fs, bottom: fs * 2.2, left: fs * 5.2 };
  const max = Math.max(1, ...points.flatMap((p) => [p.planCents, p.actualCents, p.committedCents]));
  const x = (i: number) => M.left + (n === 1 ? 0.5 : i / (n - 1)) * (width - M.left - M.right);
  const y = (cents: number) => height - M.bottom - (cents / max) * (height - M.top - M.bottom);
  const line = (get: (p: SpendPoint) => number) => points.map((p, i) => `${x(i).toFixed(1)},${y(get(p)).toFixed(1)}`).join(" ");
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f));
  // About one quarter label per 60 units of width, always including the report's own quarter.
  const every = Math.max(1, Math.ceil(n / Math.max(2, Math.floor((width - M.left) / (fs * 7)))));
  const last = points[n - 1]!;
  const anchor = (i: number) => (n === 1 ? "middle" : i === n - 1 ? "end" : i === 0 ? "start" : "middle");
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={title}
      className="h-auto w-full max-w-3xl"
      data-testid="board-spend-chart"
    >
      <title>{`${title}: plan ${formatCentsShort(last.planCents)}, actual ${formatCentsShort(last.actualCents)}, committed ${formatCentsShort(last.committedCents)}`}</title>
      {(
        [
          ["Plan", COLORS.plan, "6 4"],
          ["Actual", COLORS.actual, undefined],
          ["Committed", COLORS.committed, undefined],
        ] as const
      ).map(([label, color, dash], i) => (
        <g key={label}>
          <line x1={M.left + i * fs * 9} x2={M.left + i * fs * 9 + fs * 2} y1={fs} y2={fs} stroke={color} strokeWidth={fs / 4} strokeDasharray={dash} />
          <text x={M.left + i * fs * 9 + fs * 2.5} y={fs * 1.35} fontSize={fs} fill="#334155">
            {label}
          </text>
        </g>
      ))}
      {ticks.map((t) => (
        <g key={t}>
          <line x1={M.left} x2={width - M.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" strokeWidth={1} />
          <text x={M.left - fs / 2} y={y(t) + fs / 3} textAnchor="end" fontSize={fs} fill="#475569">
            {formatCentsShort(t)}
          </text>
        </g>
      ))}
      {points.map((p, i) =>
        (n - 1 - i) % every === 0 ? (
          <text key={p.quarter} x={x(i)} y={height - M.bottom + fs * 1.5} textAnchor={anchor(i)} fontSize={fs * 0.9} fill="#475569">
            {p.quarter}
          </text>
        ) : null,
      )}
      <line x1={M.left} x2={width - M.right} y1={height - M.bottom} y2={height - M.bottom} stroke="#94a3b8" strokeWidth={1} />
      <polyline points={line((p) => p.planCents)} fill="none" stroke={COLORS.plan} strokeWidth={fs / 5} strokeDasharray="6 4" />
      <polyline points={line((p) => p.committedCents)} fill="none" stroke={COLORS.committed} strokeWidth={fs / 5} />
      <polyline points={line((p) => p.actualCents)} fill="none" stroke={COLORS.actual} strokeWidth={fs / 4} />
    </svg>
  );
}
