import type { SnapshotHeatMap } from "~/board/snapshot-detail.server";

const STEPS = [1, 2, 3, 4, 5];

/**
 * The frozen heat map of a board report: likelihood × impact, each cell in
 * its level's colour with its count printed (it reads without colour). Plain
 * SVG without links, drawn at its printed size, for the page and the PDF.
 * Impact labels sit on two lines (step, then name) so neighbours never run
 * into each other.
 */
export function BoardHeatMap({ map, title, size = 220 }: { map: SnapshotHeatMap; title: string; size?: number }) {
  const fs = size < 300 ? 7 : 10;
  const left = fs * 10.5;
  const bottom = fs * 5.4;
  const cell = (size - left - 2) / 5;
  const height = cell * 5 + bottom;
  const total = map.counts.flat().reduce((a, b) => a + b, 0);
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${size} ${height}`}
      width={size}
      height={height}
      role="img"
      aria-label={`${title}: ${total} open risks`}
      className="h-auto w-full max-w-sm"
      data-testid="board-heat-map"
    >
      <title>{`${title}: ${total} open risks`}</title>
      {STEPS.map((l) =>
        STEPS.map((i) => {
          const x = left + (i - 1) * cell;
          const y = (5 - l) * cell;
          const count = map.counts[l - 1]?.[i - 1] ?? 0;
          const level = map.cells[l - 1]![i - 1]!;
          return (
            <g key={`${l}-${i}`}>
              <rect x={x + 1} y={y + 1} width={cell - 2} height={cell - 2} rx={2} fill={map.colours[level]} fillOpacity={count ? 0.9 : 0.22} />
              <text
                x={x + cell / 2}
                y={y + cell / 2 + fs * 0.45}
                textAnchor="middle"
                fontSize={count ? fs * 1.4 : fs}
                fontWeight={count ? 700 : 400}
                fill={count ? "#0f172a" : "#64748b"}
              >
                {count}
              </text>
            </g>
          );
        }),
      )}
      {STEPS.map((l) => (
        <text key={`l${l}`} x={left - fs / 2} y={(5 - l) * cell + cell / 2 + fs / 3} textAnchor="end" fontSize={fs} fill="#334155">
          {`${l} ${map.likelihoodLabels[l - 1] ?? ""}`}
        </text>
      ))}
      {STEPS.map((i) => (
        <g key={`i${i}`}>
          <text x={left + (i - 1) * cell + cell / 2} y={cell * 5 + fs * 1.2} textAnchor="middle" fontSize={fs} fill="#334155">
            {i}
          </text>
          {/* Names alternate between two lines, so neighbours never run into each other at a small size. */}
          <text x={left + (i - 1) * cell + cell / 2} y={cell * 5 + fs * (i % 2 ? 2.3 : 3.3)} textAnchor="middle" fontSize={fs * 0.85} fill="#334155">
            {(map.impactLabels[i - 1] ?? "").slice(0, 12)}
          </text>
        </g>
      ))}
      <text x={left + (cell * 5) / 2} y={height - fs * 0.4} textAnchor="middle" fontSize={fs} fill="#475569">
        Impact (rows: likelihood)
      </text>
    </svg>
  );
}
