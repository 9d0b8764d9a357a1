import { memoFigure } from "~/figures/memo.server";
import type { Db } from "#db/connection";
import { getProgram } from "~/settings/settings.server";
import { ACTUAL_LIST, type ActualSort, pageActuals } from "./actuals.server";
import { type ListParams, parseListParams } from "~/lists/list-params";
import { type BudgetQuery, budgetSearch, type DrillLevel, drillLevel } from "./budget-filters";
import { fiscalYearBounds, formatQuarter, parseQuarter, quarterBounds } from "~/money/fiscal";
import { moneyLookups, type MoneyLookups } from "./lookups.server";
import { type Dimension, type Figures, moneyView } from "~/figures/money.server";

export type BudgetRow = { key: string; label: string; href: string | null; figures: Figures };

function labelFor(dimension: Dimension, key: string, lookups: MoneyLookups): string {
  if (dimension === "workstream") {
    const w = lookups.workstreamById.get(Number(key));
    return w ? `${w.code} ${w.name}` : key;
  }
  if (dimension === "vendor") return key ? (lookups.vendorById.get(Number(key))?.name ?? key) : "No vendor (internal)";
  if (dimension === "engagement") return key ? (lookups.engagementById.get(Number(key))?.sowReference ?? key) : "No engagement";
  return key;
}

/** Where a row of the current level drills to. */
function drillHref(level: DrillLevel, key: string, q: BudgetQuery, lookups: MoneyLookups): string | null {
  if (level === "year") return `/budget${budgetSearch({ ...q, fy: Number(key.slice(2)) })}`;
  if (level === "quarter") return `/budget${budgetSearch({ ...q, q: parseQuarter(key)?.quarter })}`;
  if (level === "workstream") return `/budget${budgetSearch({ ...q, ws: lookups.workstreamById.get(Number(key))?.code })}`;
  return null;
}

const LEVEL_DIMENSION: Record<Exclude<DrillLevel, "actuals">, Dimension> = { year: "fiscalYear", quarter: "quarter", workstream: "workstream" };

/**
 * Everything /budget, /budget.csv and /budget.xlsx show for one URL: the
 * totals of the filtered scope, the drill-down table of the current level,
 * the views by workstream, vendor, category and engagement, the burn-up
 * series, and (at the deepest level) the actual rows.
 */
function loadBudgetUncached(db: Pick<Db, "select">, query: BudgetQuery, asOf: string, actualList: ListParams<ActualSort>) {
  const program = getProgram(db);
  const fyStartMonth = program.fiscalYearStartMonth;
  const lookups = moneyLookups(db);
  const ignored: string[] = [];
  const q = { ...query };
  const workstream = q.ws ? lookups.workstreamByCode.get(q.ws) : undefined;
  if (q.ws && !workstream) {
    ignored.push("ws");
    delete q.ws;
  }
  if (q.vendor && !lookups.vendorById.has(q.vendor)) {
    ignored.push("vendor");
    delete q.vendor;
  }
  const level = drillLevel(q);
  // The drill-down narrows to one quarter below the year level; totals and views follow it.
  const money = moneyView(db, {
    asOf,
    fiscalYear: q.fy,
    quarter: q.fy ? q.q : undefined,
    workstreamId: workstream?.id,
    category: q.category,
    vendorId: q.vendor,
  });
  const rows = (dimension: Dimension, linkLevel?: DrillLevel): BudgetRow[] =>
    money.rollup(dimension).map((r) => ({
      key: r.key,
      label: labelFor(dimension, r.key, lookups),
      href: linkLevel ? drillHref(linkLevel, r.key, q, lookups) : null,
      figures: r.figures,
    }));

  const levelRows = level === "actuals" ? rows("workstream") : rows(LEVEL_DIMENSION[level], level);
  const period = q.fy && q.q ? quarterBounds({ fiscalYear: q.fy, quarter: q.q }, fyStartMonth) : q.fy ? fiscalYearBounds(q.fy, fyStartMonth) : null;
  const actualFilters = {
    from: period?.start,
    to: period && period.end < asOf ? period.end : asOf,
    workstreamId: workstream?.id,
    category: q.category,
    vendorId: q.vendor,
  };

  // The invoices at the deepest level come a page at a time; the CSV and the workbook carry them all.
  const actualPage = level === "actuals" ? pageActuals(db, actualFilters, actualList) : null;
  return {
    program: { name: program.name, startFiscalYear: program.startFiscalYear, endFiscalYear: program.endFiscalYear, fyStartMonth },
    asOf,
    query: q,
    ignored,
    level,
    scopeLabel: [q.fy ? (q.q ? formatQuarter({ fiscalYear: q.fy, quarter: q.q }) : `FY${q.fy}`) : "Programme", workstream?.code].filter(Boolean).join(" · "),
    totals: money.totals(),
    levelRows,
    views: {
      fiscalYear: rows("fiscalYear"),
      quarter: rows("quarter"),
      workstream: rows("workstream", level === "workstream" ? "workstream" : undefined),
      vendor: rows("vendor"),
      category: rows("category"),
      engagement: rows("engagement"),
    },
    burnUp: money.burnUp(),
    actualFilters,
    actualRows: actualPage?.rows ?? [],
    actualView: actualPage?.view ?? null,
    lookups: { workstreams: lookups.workstreams, vendors: lookups.vendors },
  };
}
export type BudgetData = ReturnType<typeof loadBudget>;

/** The budget page's figures, once per state of the data and query (decision 019); loaders may compute it off the request thread first. */
export const budgetFigures = memoFigure("loadBudget", loadBudgetUncached);

export function loadBudget(
  db: Pick<Db, "select">,
  query: BudgetQuery,
  asOf: string,
  actualList: ListParams<ActualSort> = parseListParams(new URLSearchParams(), ACTUAL_LIST),
) {
  return budgetFigures(db, query, asOf, actualList);
}
