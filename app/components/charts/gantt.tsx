import type { layoutGantt } from "~/timeline/gantt-layout";
import { formatSlip } from "~/milestones/slip";

type Layout = ReturnType<typeof layoutGantt>;

/**
 * Server-rendered SVG Gantt: presentation attributes only (the CSP forbids
 * inline styles), shapes plus words so it reads in black-and-white print.
 * Baseline is a hollow tick, the forecast or actual a filled diamond; a
 * slip draws a red line from one to the other.
 */
export function Gantt({ layout, title }: { layout: Layout; title: string }) {
  const { width, height, rows, markers, quarters, todayX } = layout;
  const bottom = height - 8;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      // A group, not an image: its workstream names and milestone markers are links a keyboard reaches (axe nested-interactive).
      role="group"
      aria-labelledby="gantt-title"
      data-testid="gantt"
      fontFamily="system-ui, sans-serif"
      fontSize="11"
    >
      <title id="gantt-title">{title}</title>
      {quarters.map((q) => (
        <g key={q.label} data-testid="quarter">
          <line x1={q.x} x2={q.x} y1={24} y2={bottom} stroke={q.label.endsWith("Q1") ? "#64748b" : "#e2e8f0"} strokeWidth={q.label.endsWith("Q1") ? 1 : 0.5} />
          {q.label.endsWith("Q1") ? (
            <text x={q.x + 3} y={14} fill="#0f172a" fontWeight="600">
              {q.label.slice(0, 6)}
            </text>
          ) : null}
          <text x={q.x + 3} y={30} fill="#64748b" fontSize="9">
            {q.label.slice(-2)}
          </text>
        </g>
      ))}
      {rows.map((r, i) => (
        <g key={r.id} data-testid="workstream-bar" data-code={r.code}>
          {i % 2 === 0 ? <rect x={0} y={r.y} width={width} height={34} fill="#f8fafc" /> : null}
          <a href={`/workstreams/${r.code}`}>
            <text x={6} y={r.y + 21} fill="#0c4a6e">
              <tspan fontWeight="600">{r.code}</tspan> {r.name.length > 28 ? `${r.name.slice(0, 27)}…` : r.name}
            </text>
          </a>
          <rect x={r.x1} y={r.y + 11} width={r.x2 - r.x1} height={12} rx={3} fill="#cbd5e1" stroke="#64748b" strokeWidth={0.5}>
            <title>
              {r.code} {r.name}: {r.startDate} to {r.endDate}
            </title>
          </rect>
        </g>
      ))}
      {markers.map((m) => (
        <a key={m.id} href={`/milestones/${m.id}`} data-testid="milestone-marker" data-code={m.code} data-slipped={m.slipped ? "yes" : "no"}>
          <title>
            {m.code} {m.title}: baseline {m.baselineDate}, {m.actualDate ? `done ${m.actualDate}` : `forecast ${m.expected}`} ({formatSlip(m.slip)})
          </title>
          {m.slipped ? <line x1={m.xBaseline} x2={m.xExpected} y1={m.cy} y2={m.cy} stroke="#b91c1c" strokeWidth={2} /> : null}
          <line x1={m.xBaseline} x2={m.xBaseline} y1={m.cy - 7} y2={m.cy + 7} stroke="#334155" strokeWidth={1.5} />
          <path
            d={`M ${m.xExpected} ${m.cy - 6} L ${m.xExpected + 6} ${m.cy} L ${m.xExpected} ${m.cy + 6} L ${m.xExpected - 6} ${m.cy} Z`}
            fill={m.status === "done" ? (m.slipped ? "#b91c1c" : "#15803d") : m.slipped ? "#fecaca" : "#ffffff"}
            stroke={m.slipped ? "#b91c1c" : "#15803d"}
            strokeWidth={1.5}
          />
        </a>
      ))}
      {todayX !== null ? (
        <g data-testid="today-line">
          <line x1={todayX} x2={todayX} y1={18} y2={bottom} stroke="#b91c1c" strokeWidth={1.5} strokeDasharray="4 3" />
          <text x={todayX + 3} y={bottom - 2} fill="#b91c1c" fontWeight="600">
            today
          </text>
        </g>
      ) : null}
    </svg>
  );
}
