import { RISK_LEVELS, type RiskLevel } from "#db/schema/enums";
import { humanize } from "~/utils/format";

const W = 420;
const H = 200;
const M = { top: 16, right: 16, bottom: 36, left: 40 };
const FILL: Record<string, string> = { low: "#16a34a", medium: "#ca8a04", high: "#ea580c", critical: "#b91c1c" };

/** Open risks by level as bars with their counts printed (readable without colour, in print and in the PDF). */
export function BoardRiskChart({
  byLevel,
  previous,
  title,
}: {
  byLevel: Record<RiskLevel, number>;
  previous?: Record<RiskLevel, number> | null;
  title: string;
}) {
  // Snapshot keys are stored sorted alphabetically (canonical JSON); show levels in severity order.
  const levels: RiskLevel[] = RISK_LEVELS.filter((l) => l in byLevel);
  const max = Math.max(1, ...levels.map((l) => byLevel[l]), ...(previous ? levels.map((l) => previous[l] ?? 0) : []));
  const slot = (W - M.left - M.right) / levels.length;
  const barW = slot * 0.5;
  const y = (n: number) => H - M.bottom - (n / max) * (H - M.top - M.bottom);
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      role="img"
      aria-label={title}
      className="h-auto w-full max-w-md"
      data-testid="board-risk-chart"
    >
      <title>{`${title}: ${levels.map((l) => `${humanize(l)} ${byLevel[l]}`).join(", ")}`}</title>
      <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} stroke="#94a3b8" strokeWidth={1} />
      {levels.map((l, i) => {
        const cx = M.left + slot * i + slot / 2;
        const before = previous?.[l];
        return (
          <g key={l}>
            <rect x={cx - barW / 2} y={y(byLevel[l])} width={barW} height={H - M.bottom - y(byLevel[l])} fill={FILL[l] ?? "#64748b"} />
            {before != null ? (
              <line x1={cx - barW / 2 - 4} x2={cx + barW / 2 + 4} y1={y(before)} y2={y(before)} stroke="#0f172a" strokeWidth={2} strokeDasharray="4 3" />
            ) : null}
            <text x={cx} y={y(byLevel[l]) - 4} textAnchor="middle" fontSize={12} fill="#0f172a">
              {byLevel[l]}
            </text>
            <text x={cx} y={H - M.bottom + 16} textAnchor="middle" fontSize={11} fill="#475569">
              {humanize(l)}
            </text>
          </g>
        );
      })}
      {previous ? (
        <text x={M.left} y={H - 6} fontSize={10} fill="#475569">
          Dashed line: previous published report
        </text>
      ) : null}
    </svg>
  );
}
