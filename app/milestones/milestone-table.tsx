import type { ReactNode } from "react";
import { SortHeader } from "~/components/lists/sort-header";
import type { ListView } from "~/lists/list-links";
import type { SortDir } from "~/lists/list-params";
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

/** A header that sorts the server-side list when the table is one, a plain header otherwise (a workstream's own milestones). */
function Th({ view, sort, firstDir, className, children }: { view?: ListView; sort: string; firstDir?: SortDir; className?: string; children: ReactNode }) {
  if (!view) return <th className={className}>{children}</th>;
  return (
    <SortHeader view={view} sort={sort} firstDir={firstDir} className={className}>
      {children}
    </SortHeader>
  );
}

export function MilestoneTable({ rows, showWorkstream = true, view }: { rows: MilestoneRow[]; showWorkstream?: boolean; view?: ListView }) {
  if (!rows.length) return <p className="text-sm text-slate-600">No milestones match.</p>;
  return (
    <table>
      <thead>
        <tr>
          <Th view={view} sort="code">
            Code
          </Th>
          {showWorkstream ? (
            <Th view={view} sort="workstream">
              Workstream
            </Th>
          ) : null}
          <Th view={view} sort="title">
            Milestone
          </Th>
          <Th view={view} sort="baseline">
            Baseline
          </Th>
          <Th view={view} sort="forecast">
            Forecast
          </Th>
          <Th view={view} sort="actual" firstDir="desc">
            Actual
          </Th>
          <th>Slip</th>
          <th title="Slip against the first baseline ever set: a re-baseline never hides it">Slip vs original</th>
          <Th view={view} sort="status">
            Status
          </Th>
          <Th view={view} sort="done" className="text-right" firstDir="desc">
            Done
          </Th>
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
