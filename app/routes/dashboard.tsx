import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { requirePermission, requireUser } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { workstreamOverview } from "~/dashboard/overview.server";
import { db } from "~/db.server";
import { getProgram } from "~/settings/settings.server";
import { formatCents, humanize, todayIso } from "~/utils/format";

export const access = defineAccess({ loader: "read:dashboard" });

export const meta: MetaFunction = () => [{ title: "Dashboard · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  requirePermission(user, access.loader);
  const asOf = todayIso();
  const program = getProgram(db);
  const rows = workstreamOverview(db, asOf);
  const totals = rows.reduce(
    (t, r) => ({
      done: t.done + r.milestonesDone,
      open: t.open + r.milestonesOpen,
      slipped: t.slipped + r.milestonesSlipped,
      spend: t.spend + r.spendToDateCents,
    }),
    { done: 0, open: 0, slipped: 0, spend: 0 },
  );
  return { program: { name: program.name, description: program.description }, asOf, rows, totals };
}

export default function Dashboard() {
  const { program, asOf, rows, totals } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">{program.name}</h1>
        <p className="mt-1 max-w-4xl text-slate-600">{program.description}</p>
        <p className="mt-1 text-sm text-slate-500">Figures as of {asOf}.</p>
      </header>
      <section aria-labelledby="workstreams-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="workstreams-heading" className="mb-3 text-lg font-semibold">
          Workstreams
        </h2>
        <table>
          <thead>
            <tr>
              <th>Code</th>
              <th>Workstream</th>
              <th>Owner</th>
              <th>Status</th>
              <th className="text-right">Done</th>
              <th className="text-right">Open</th>
              <th className="text-right">Slipped</th>
              <th className="text-right">Spend to date</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid={`workstream-${r.code}`}>
                <td className="font-mono">{r.code}</td>
                <td>{r.name}</td>
                <td>{r.ownerName ?? "—"}</td>
                <td>{humanize(r.lifecycleStatus)}</td>
                <td className="text-right tabular-nums">{r.milestonesDone}</td>
                <td className="text-right tabular-nums">{r.milestonesOpen}</td>
                <td className="text-right tabular-nums">{r.milestonesSlipped}</td>
                <td className="text-right tabular-nums">{formatCents(r.spendToDateCents)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="font-semibold">
              <td colSpan={4}>Programme</td>
              <td className="text-right tabular-nums">{totals.done}</td>
              <td className="text-right tabular-nums">{totals.open}</td>
              <td className="text-right tabular-nums">{totals.slipped}</td>
              <td className="text-right tabular-nums" data-testid="total-spend">
                {formatCents(totals.spend)}
              </td>
            </tr>
          </tfoot>
        </table>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
