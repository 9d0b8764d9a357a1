import { Link } from "@remix-run/react";
import type { DiffEntry } from "./audit-diff";
import { formatInstant } from "./format";

export type AuditEventRow = {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  ip: string | null;
  requestId: string | null;
  diff: DiffEntry[];
};

function Diff({ diff }: { diff: DiffEntry[] }) {
  if (diff.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <ul className="space-y-0.5 font-mono text-xs">
      {diff.map((d) => (
        <li key={d.field}>
          {d.field ? <span className="text-slate-500">{d.field}: </span> : null}
          {d.before !== undefined ? <del className="text-red-800">{d.before}</del> : null}
          {d.before !== undefined && d.after !== undefined ? " → " : null}
          {d.after !== undefined ? <ins className="text-green-800 no-underline">{d.after}</ins> : null}
        </li>
      ))}
    </ul>
  );
}

/** Audit events as a table: when (UTC), who, what, on which row, from where, and a compact before/after diff. */
export function AuditEventTable({ events }: { events: AuditEventRow[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No events.</p>;
  return (
    <div className="overflow-x-auto">
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>Time (UTC)</th>
            <th>Actor</th>
            <th>Action</th>
            <th>Entity</th>
            <th>Change</th>
            <th>IP</th>
            <th>Request</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} data-testid={`audit-event-${e.id}`}>
              <td className="tabular-nums text-slate-500">{e.id}</td>
              <td className="whitespace-nowrap tabular-nums">{formatInstant(e.at)}</td>
              <td>
                {e.actorId === null ? (
                  <span className="text-slate-500">system</span>
                ) : (
                  <span title={e.actorEmail ?? undefined}>{e.actorName ?? `user ${e.actorId}`}</span>
                )}
              </td>
              <td className="font-mono text-xs">{e.action}</td>
              <td className="whitespace-nowrap">
                {e.entity}
                {e.entityId !== null ? (
                  <> {e.entity === "user" && /^\d+$/.test(e.entityId) ? <Link to={`/admin/users/${e.entityId}`}>#{e.entityId}</Link> : `#${e.entityId}`}</>
                ) : null}
              </td>
              <td>
                <Diff diff={e.diff} />
              </td>
              <td className="font-mono text-xs">{e.ip ?? "—"}</td>
              <td className="max-w-40 truncate font-mono text-xs" title={e.requestId ?? undefined}>
                {e.requestId ?? "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
