import { Link } from "@remix-run/react";
import { HeatMap } from "~/components/charts/heat-map";
import type { DashboardData } from "../dashboard.server";
import { SeeAll } from "~/components/see-all";

export function RiskPanel({
  risks,
  appetite,
  expiredTotal = risks.expiredAcceptances.length,
}: {
  risks: DashboardData["risks"];
  appetite: string;
  expiredTotal?: number;
}) {
  return (
    <section aria-labelledby="risk-heading" className="rounded border border-slate-200 bg-white p-4">
      <h2 id="risk-heading" className="mb-3 text-lg font-semibold">
        Risks
      </h2>
      <p className="text-sm">
        <Link to="/risks?above=1" data-testid="risks-above-appetite">
          {risks.aboveAppetite} risks above appetite
        </Link>{" "}
        <span className="text-slate-500">(appetite: {appetite})</span>
      </p>
      <p className="mt-1 text-xs text-slate-500">Risk figures count risks not closed on the as-of date, scored by their latest assessment by then.</p>
      {risks.expiredAcceptances.length ? (
        <ul className="mt-2 space-y-1 text-sm text-red-800" data-testid="expired-acceptances">
          {risks.expiredAcceptances.map((a) => (
            <li key={a.riskId}>
              <Link to={`/risks/${a.code}`}>
                {a.code} {a.title}
              </Link>
              : acceptance expired {a.expiredOn}
            </li>
          ))}
        </ul>
      ) : null}
      <SeeAll shown={risks.expiredAcceptances.length} total={expiredTotal} href="/risks?expired=1" noun="expired acceptances" />
      <div className="mt-3 grid gap-4 lg:grid-cols-2">
        <HeatMap
          name="dashboard"
          title="Current risk (likelihood × impact)"
          matrix={risks.matrix}
          counts={risks.heatMap}
          hrefFor={(l, i) => `/risks?cl=${l}&ci=${i}`}
        />
        <div>
          <h3 className="mb-1 text-sm font-semibold">Top risks</h3>
          <ol className="space-y-1 text-sm">
            {risks.top.map((r) => (
              <li key={r.id}>
                <Link to={`/risks/${r.code}`}>{r.code}</Link> {r.title}{" "}
                <span className="text-slate-500">
                  ({r.currentLevel}, {r.currentScore})
                </span>
              </li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}
