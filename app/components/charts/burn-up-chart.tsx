import { useId } from "react";
import { formatCentsShort } from "~/utils/format";

type Point = { label: string; planCents: number; actualCents: number | null; committedCents: number | null };

const W = 760;
const H = 300;
const M = { top: 16, right: 16, bottom: 40, left: 72 };

/**
 * Cumulative plan vs actual vs commitments by quarter, drawn on the server
 * as plain SVG (no script, no inline style: the CSP forbids both).
 * Each point sits at the end of its quarter; the dashed vertical line is today.
 */
export function BurnUpChart({ points, today, title }: { points: Point[]; today: number | null; title: string }) {
  const uid = useId();
  const n = points.length;
  if (!n) return null;
  const max = Math.max(1, ...points.flatMap((p) => [p.planCents, p.actualCents ?? 0, p.committedCents ?? 0]));
  const x = (i: number) => M.left + (i / n) * (W - M.left - M.right);
  const y = (cents: number) => H - M.bottom - (cents / max) * (H - M.top - M.bottom);
  // Actuals and commitments stop at today, not at the end of the current quarter.
  const lastPast = points.reduce((last, p, i) => (p.actualCents != null ? i : last), -1);
  const line = (get: (p: Point) => number | null, stopAtToday = true) => {
    const coords = [`${x(0)},${y(0)}`];
    points.forEach((p, i) => {
      const v = get(p);
      const at = stopAtToday && i === lastPast && today != null ? today : i + 1;
      if (v != null) coords.push(`${x(at).toFixed(1)},${y(v).toFixed(1)}`);
    });
    return coords.join(" ");
  };
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f));
  const every = n > 12 ? 4 : 1;
  const last = points[n - 1]!;
  const lastActual = [...points].reverse().find((p) => p.actualCents != null);
  return (
    <figure className="w-full">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${uid}-title ${uid}-desc`} className="h-auto w-full" data-testid="burn-up-chart">
        <title id={`${uid}-title`}>{title}</title>
        <desc id={`${uid}-desc`}>
          Cumulative plan {formatCentsShort(last.planCents)}; cumulative actual {formatCentsShort(lastActual?.actualCents ?? 0)}; cumulative commitments{" "}
          {formatCentsShort(lastActual?.committedCents ?? 0)}.
        </desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" strokeWidth={1} />
            <text x={M.left - 6} y={y(t) + 4} textAnchor="end" fontSize={11} fill="#475569">
              {formatCentsShort(t)}
            </text>
          </g>
        ))}
        {points.map((p, i) =>
          i % every === 0 ? (
            <text key={p.label} x={x(i + 0.5)} y={H - M.bottom + 16} textAnchor="middle" fontSize={10} fill="#475569">
              {every > 1 ? p.label.slice(0, 6) : p.label}
            </text>
          ) : null,
        )}
        <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} stroke="#94a3b8" />
        <polyline points={line((p) => p.planCents, false)} fill="none" stroke="#64748b" strokeWidth={2} strokeDasharray="6 4" data-series="plan" />
        <polyline points={line((p) => p.committedCents)} fill="none" stroke="#d97706" strokeWidth={2} data-series="committed" />
        <polyline points={line((p) => p.actualCents)} fill="none" stroke="#0369a1" strokeWidth={3} data-series="actual" />
        {today != null ? (
          <g data-testid="today-marker">
            <line x1={x(today)} x2={x(today)} y1={M.top} y2={H - M.bottom} stroke="#dc2626" strokeWidth={1} strokeDasharray="3 3" />
            <text x={x(today) + 4} y={M.top + 10} fontSize={11} fill="#dc2626">
              today
            </text>
          </g>
        ) : null}
        <g fontSize={11} fill="#334155">
          <line x1={M.left + 8} x2={M.left + 28} y1={M.top + 8} y2={M.top + 8} stroke="#64748b" strokeWidth={2} strokeDasharray="6 4" />
          <text x={M.left + 32} y={M.top + 12}>
            Plan
          </text>
          <line x1={M.left + 78} x2={M.left + 98} y1={M.top + 8} y2={M.top + 8} stroke="#0369a1" strokeWidth={3} />
          <text x={M.left + 102} y={M.top + 12}>
            Actual
          </text>
          <line x1={M.left + 152} x2={M.left + 172} y1={M.top + 8} y2={M.top + 8} stroke="#d97706" strokeWidth={2} />
          <text x={M.left + 176} y={M.top + 12}>
            Committed
          </text>
        </g>
      </svg>
    </figure>
  );
}
