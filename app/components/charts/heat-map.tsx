import type { RiskLevel } from "#db/schema/enums";

type Matrix = { likelihoodLabels: string[]; impactLabels: string[]; cells: RiskLevel[][]; colours: Record<RiskLevel, string> };

type Props = {
  /** Distinguishes the maps on one page (test ids, title ids). */
  name: string;
  title: string;
  matrix: Matrix;
  /** counts[likelihood-1][impact-1] */
  counts: number[][];
  hrefFor: (likelihood: number, impact: number) => string;
  selected?: { likelihood?: number; impact?: number };
};

const CELL = 56;
const LEFT = 104;
const TOP = 8;
const BOTTOM = 50;
const STEPS = [1, 2, 3, 4, 5];

/**
 * A likelihood × impact matrix as server-rendered SVG: each cell is filled
 * with its level's colour, prints its risk count, and links to the register
 * filtered to that cell. Counts are printed, so the map reads without colour.
 */
export function HeatMap({ name, title, matrix, counts, hrefFor, selected }: Props) {
  const width = LEFT + CELL * 5 + 4;
  const height = TOP + CELL * 5 + BOTTOM;
  const titleId = `heat-${name}-title`;
  return (
    <figure className="inline-block">
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="group" aria-labelledby={titleId} className="max-w-full">
        <title id={titleId}>{title}</title>
        {STEPS.map((l) =>
          STEPS.map((i) => {
            const x = LEFT + (i - 1) * CELL;
            const y = TOP + (5 - l) * CELL;
            const count = counts[l - 1]?.[i - 1] ?? 0;
            const level = matrix.cells[l - 1]![i - 1]!;
            const isSelected = selected?.likelihood === l && selected?.impact === i;
            return (
              <a
                key={`${l}-${i}`}
                href={hrefFor(l, i)}
                aria-label={`${count} risk${count === 1 ? "" : "s"} at likelihood ${l} (${matrix.likelihoodLabels[l - 1]}), impact ${i} (${matrix.impactLabels[i - 1]}), ${level}`}
                data-testid={`heat-${name}-${l}-${i}`}
              >
                <rect
                  x={x + 1}
                  y={y + 1}
                  width={CELL - 2}
                  height={CELL - 2}
                  rx={3}
                  fill={matrix.colours[level]}
                  fillOpacity={count ? 0.9 : 0.25}
                  stroke={isSelected ? "#0f172a" : "none"}
                  strokeWidth={isSelected ? 3 : 0}
                />
                <text
                  x={x + CELL / 2}
                  y={y + CELL / 2 + 6}
                  textAnchor="middle"
                  fontSize={count ? 18 : 13}
                  fontWeight={count ? 700 : 400}
                  fill={count ? "#0f172a" : "#475569"}
                  data-testid={`heat-${name}-${l}-${i}-count`}
                >
                  {count}
                </text>
              </a>
            );
          }),
        )}
        {STEPS.map((l) => (
          <text key={`l${l}`} x={LEFT - 6} y={TOP + (5 - l) * CELL + CELL / 2 + 4} textAnchor="end" fontSize={11} fill="#334155">
            {l} {matrix.likelihoodLabels[l - 1]}
          </text>
        ))}
        {/* Step and name on two lines: on one line, neighbouring names ran into each other ("2 Moderate3 Significant"). */}
        {STEPS.map((i) => (
          <g key={`i${i}`}>
            <text x={LEFT + (i - 1) * CELL + CELL / 2} y={TOP + CELL * 5 + 13} textAnchor="middle" fontSize={10} fill="#334155">
              {i}
            </text>
            <text x={LEFT + (i - 1) * CELL + CELL / 2} y={TOP + CELL * 5 + 25} textAnchor="middle" fontSize={9} fill="#334155">
              {(matrix.impactLabels[i - 1] ?? "").slice(0, 11)}
            </text>
          </g>
        ))}
        <text x={LEFT + (CELL * 5) / 2} y={height - 6} textAnchor="middle" fontSize={11} fill="#475569">
          Impact →
        </text>
      </svg>
      <figcaption className="text-sm font-medium text-slate-700">{title}</figcaption>
    </figure>
  );
}
