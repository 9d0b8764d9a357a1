import type { layoutGantt } from "~/timeline/gantt-layout";
import { formatSlip } from "~/milestones/slip";

type Layout = ReturnType<typeof layoutGantt>;
type Row = Layout["rows"][number];

/*
 * Server-rendered SVG Gantt: presentation attributes only (the CSP forbids
 * inline styles), shapes plus words so it reads in black-and-white print.
 * Baseline is a hollow tick, the forecast or actual a filled diamond; a
 * slip draws a red line from one to the other. The axis is one SVG and each
 * workstream another, on the same x scale, so each workstream can sit in
 * its own collapsible <details> row and still line up.
 */

function Grid({ layout, height, labels }: { layout: Layout; height: number; labels: boolean }) {
  return (
    <>
      {layout.quarters.map((q) => {
        const yearStart = q.label.endsWith("Q1");
        return (
          <g key={q.label} data-testid={labels ? "quarter" : undefined}>
            <line x1={q.x} x2={q.x} y1={labels ? 24 : 0} y2={height} stroke={yearStart ? "#64748b" : "#e2e8f0"} strokeWidth={yearStart ? 1 : 0.5} />
            {labels && yearStart ? (
              <text x={q.x + 3} y={14} fill="#0f172a" fontWeight="600">
                {q.label.slice(0, 6)}
              </text>
            ) : null}
            {labels ? (
              <text x={q.x + 3} y={30} fill="#64748b" fontSize="9">
                {q.label.slice(-2)}
              </text>
            ) : null}
          </g>
        );
      })}
      {layout.todayX !== null ? (
        <g data-testid={labels ? "today-line" : undefined}>
          <line x1={layout.todayX} x2={layout.todayX} y1={labels ? 18 : 0} y2={height} stroke="#b91c1c" strokeWidth={1.5} strokeDasharray="4 3" />
          {labels ? (
            <text x={layout.todayX + 3} y={height - 2} fill="#b91c1c" fontWeight="600">
              today
            </text>
          ) : null}
        </g>
      ) : null}
    </>
  );
}

/** The date axis: fiscal years and quarters of the window, and today. */
export function GanttAxis({ layout, title }: { layout: Layout; title: string }) {
  return (
    <svg
      viewBox={`0 0 ${layout.width} ${layout.headerHeight}`}
      width="100%"
      role="img"
      aria-labelledby="gantt-title"
      data-testid="gantt"
      fontFamily="system-ui, sans-serif"
      fontSize="11"
    >
      <title id="gantt-title">{title}</title>
      <Grid layout={layout} height={layout.headerHeight} labels />
    </svg>
  );
}

/** One workstream's strip: its bar and its milestones in the window, each linking to the milestone. */
export function GanttRow({ layout, row }: { layout: Layout; row: Row }) {
  const h = layout.rowHeight;
  return (
    <svg
      viewBox={`0 0 ${layout.width} ${h}`}
      width="100%"
      // A group, not an image: its milestone markers are links a keyboard reaches (axe nested-interactive).
      role="group"
      aria-label={`${row.code} ${row.name}: ${row.startDate} to ${row.endDate}, ${row.markers.length} milestones in the window, ${row.slipped} slipped`}
      data-testid="workstream-bar"
      data-code={row.code}
      fontFamily="system-ui, sans-serif"
      fontSize="11"
    >
      <Grid layout={layout} height={h} labels={false} />
      <rect x={row.x1} y={11} width={row.x2 - row.x1} height={12} rx={3} fill="#cbd5e1" stroke="#64748b" strokeWidth={0.5}>
        <title>{`${row.code} ${row.name}: ${row.startDate} to ${row.endDate}`}</title>
      </rect>
      {row.markers.map((m) => (
        <a key={m.id} href={`/milestones/${m.id}`} data-testid="milestone-marker" data-code={m.code} data-slipped={m.slipped ? "yes" : "no"}>
          <title>{`${m.code} ${m.title}: baseline ${m.baselineDate}, ${m.actualDate ? `done ${m.actualDate}` : `forecast ${m.expected}`} (${formatSlip(m.slip)})`}</title>
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
    </svg>
  );
}

/**
 * The whole chart: the axis, then one collapsible row per workstream. The
 * summary holds text only (no link): an interactive element inside another
 * fails axe's `nested-interactive`; the workstream's link sits in the row.
 */
export function Gantt({ layout, title }: { layout: Layout; title: string }) {
  return (
    <div className="min-w-[900px]">
      <GanttAxis layout={layout} title={title} />
      {layout.rows.map((row) => (
        <details key={row.id} open className="border-t border-slate-100" data-testid="timeline-row">
          <summary className="cursor-pointer px-1 py-1 text-sm">
            <span className="font-semibold">{row.code}</span> {row.name}{" "}
            <span className="text-slate-600">
              · {row.markers.length} {row.markers.length === 1 ? "milestone" : "milestones"}
              {row.slipped ? `, ${row.slipped} slipped` : ""}
            </span>
          </summary>
          <p className="px-1 text-xs">
            {/* Tall enough to hit with a finger (WCAG 2.2 target size, 24 px). */}
            <a href={`/workstreams/${row.code}`} className="inline-block min-h-6 py-1">
              Open {row.code}
            </a>
          </p>
          <GanttRow layout={layout} row={row} />
        </details>
      ))}
    </div>
  );
}
