import { Link } from "@remix-run/react";
import { BurnUpChart } from "~/components/charts/burn-up-chart";
import { formatBp } from "~/money/cents";
import type { DashboardData } from "../dashboard.server";
import { formatCents } from "~/utils/format";

function Figure({ label, cents, href, testId, note }: { label: string; cents: number; href: string; testId: string; note?: string }) {
  return (
    <div className="rounded border border-slate-200 p-3">
      <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums">
        <Link to={href} data-testid={testId}>
          {formatCents(cents)}
        </Link>
      </dd>
      {note ? <dd className="text-xs text-slate-500">{note}</dd> : null}
    </div>
  );
}

export function BudgetPanel({ budget }: { budget: DashboardData["budget"] }) {
  const t = budget.totals;
  return (
    <section aria-labelledby="budget-heading" className="rounded border border-slate-200 bg-white p-4">
      <h2 id="budget-heading" className="mb-3 text-lg font-semibold">
        Budget
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Figure label="Total plan" cents={t.planCents} href="/budget" testId="budget-plan" />
        <Figure label="Plan to date" cents={t.planToDateCents} href="/budget" testId="budget-plan-to-date" />
        <Figure label="Actual to date" cents={t.actualCents} href="/budget" testId="budget-actual" />
        <Figure label="Committed" cents={t.committedCents} href="/budget" testId="budget-committed" />
        <Figure label="Variance to plan" cents={t.varianceCents} href="/budget" testId="budget-variance" note={formatBp(t.variancePctBp)} />
        <Figure label="Remaining plan" cents={t.remainingCents} href="/budget" testId="budget-remaining" />
        <Figure label="Plan not yet due" cents={t.planNotYetDueCents} href="/budget" testId="budget-plan-not-yet-due" note="total plan − plan to date" />
        <Figure label="Estimate at completion" cents={t.eacCents} href="/budget" testId="budget-eac" note="actual to date + plan not yet due" />
        <Figure label="Trend estimate" cents={t.eacTrendCents} href="/budget" testId="budget-eac-trend" note="at the recent burn rate" />
      </dl>
      <div className="mt-4">
        <BurnUpChart points={budget.burnUp.points} today={budget.burnUp.today} title="Cumulative plan, actual and commitments by quarter" />
      </div>
    </section>
  );
}
