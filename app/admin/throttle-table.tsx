import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/forms/submit-button";
import { formatInstant } from "./format";
import { SCOPE_LABELS } from "./throttle-labels";

type Row = {
  key: string;
  scope: string;
  subject: string | null;
  address: string | null;
  failures: number;
  blockedUntil: string | null;
  lockedUntil: string | null;
  updatedAt: string;
};

// `now` comes from the loader so the server's render and the browser's agree.
function state(row: Row, now: string): string {
  if (row.lockedUntil && row.lockedUntil > now) return `Locked until ${formatInstant(row.lockedUntil)}`;
  if (row.blockedUntil && row.blockedUntil > now) return `Slowed until ${formatInstant(row.blockedUntil)}`;
  return "Counting";
}

/** Failed-attempt counters; with `clearable`, each row has its own audited Clear button (the users page). */
export function ThrottleTable({ rows, now, clearable = false }: { rows: Row[]; now: string; clearable?: boolean }) {
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-slate-600">
        <tr>
          <th className="py-1 pr-3 font-medium">What</th>
          <th className="py-1 pr-3 font-medium">Account</th>
          <th className="py-1 pr-3 font-medium">Address</th>
          <th className="py-1 pr-3 text-right font-medium">Failures</th>
          <th className="py-1 pr-3 font-medium">State</th>
          <th className="py-1 pr-3 font-medium">Last failure</th>
          {clearable ? <th className="py-1 font-medium">Action</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className="border-t border-slate-100">
            <td className="py-1 pr-3">{SCOPE_LABELS[row.scope] ?? row.scope}</td>
            <td className="py-1 pr-3">{row.subject ?? "—"}</td>
            <td className="py-1 pr-3 font-mono text-xs">{row.address ?? "—"}</td>
            <td className="py-1 pr-3 text-right tabular-nums">{row.failures}</td>
            <td className="py-1 pr-3">{state(row, now)}</td>
            <td className="py-1 pr-3">{formatInstant(row.updatedAt)}</td>
            {clearable ? (
              <td className="py-1">
                <Form method="post">
                  <input type="hidden" name="intent" value="clear-throttle" />
                  <input type="hidden" name="key" value={row.key} />
                  <SubmitButton pendingText="Clearing…">Clear</SubmitButton>
                </Form>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
