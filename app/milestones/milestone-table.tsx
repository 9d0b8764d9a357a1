import { humanize } from "~/utils/format";
import { SlipBadge } from "./slip-badge";

export type MilestoneRow = {
  id: number;
  code: string;
  title: string;
  workstreamCode: string;
  baselineDate: string;
  forecastDate: string | null;
  actualDate: string | null;
  status: string;
  percentComplete: number;
  criticalPath: boolean;
  slipDays: number;
  slipDaysOriginal: number;
  originalBaselineDate: string;
  rebaselines: number;
  rebaselinesInPeriod: number;
  overdue: boolean;
};

export function MilestoneTable({ rows, showWorkstream = true }: { rows: MilestoneRow[]; showWorkstream?: boolean }) {
  if (!rows.length) return <p className="text-sm text-slate-600">No milestones match.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>Code</th>
          {showWorkstream ? <th>Workstream</th> : null}
          <th>Milestone</th>
          <th>Baseline</th>
          <th>Forecast</th>
          <th>Actual</th>
          <th>Slip</th>
          <th title="Slip against the first baseline ever set: a re-baseline never hides it">Slip vs original</th>
          <th>Status</th>
          <th className="text-right">Done</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((m) => (
          <tr key={m.id} data-testid={`milestone-${m.code}`}>
            <td className="font-mono whitespace-nowrap">
              <a href={`/milestones/${m.id}`}>{m.code}</a>
            </td>
            {showWorkstream ? (
              <td className="font-mono">
                <a href={`/workstreams/${m.workstreamCode}`}>{m.workstreamCode}</a>
              </td>
            ) : null}
            <td>
              {m.title}
              {m.criticalPath ? <span className="ml-1 rounded bg-slate-200 px-1 text-xs">critical path</span> : null}
            </td>
            <td className="whitespace-nowrap tabular-nums">
              {m.baselineDate}
              {m.rebaselines > 0 ? (
                <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900" data-testid={`rebaselined-${m.code}`}>
                  re-baselined ×{m.rebaselines}
                  {m.rebaselinesInPeriod > 0 ? ` (${m.rebaselinesInPeriod} this quarter)` : ""}
                </span>
              ) : null}
            </td>
            <td className="whitespace-nowrap tabular-nums">{m.forecastDate ?? "—"}</td>
            <td className="whitespace-nowrap tabular-nums">{m.actualDate ?? "—"}</td>
            <td>
              <SlipBadge days={m.slipDays} overdue={m.overdue} />
            </td>
            <td data-testid={`slip-original-${m.code}`}>
              {m.rebaselines > 0 ? (
                <>
                  <SlipBadge days={m.slipDaysOriginal} /> <span className="text-xs text-slate-500">from {m.originalBaselineDate}</span>
                </>
              ) : (
                <span className="text-slate-500">same</span>
              )}
            </td>
            <td>{humanize(m.status)}</td>
            <td className="text-right tabular-nums">{m.percentComplete}%</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
