import type { Db } from "#db/connection";
import type { FiscalQuarter } from "~/money/fiscal";
import { getProgram } from "~/settings/settings.server";
import { memoFigure, rememberFigure } from "./memo.server";
import { type CubeGrain, type MoneyFilters, moneyCube } from "./money/cube.server";
import {
  burnUp,
  type BurnUpPoint,
  type CubeCell,
  type Dimension,
  type Figures,
  inTime,
  type RollupContext,
  rollupBy,
  type RollupRow,
  summarize,
  type TimeScope,
  todayPosition,
} from "./money/rollup";

/**
 * The money figures (docs/figures.md#money), each defined once: plan, plan to
 * date, committed, actual, remaining, plan not yet due, variance, exposure,
 * EAC, trend EAC and burn rate, for any scope (programme, workstream,
 * vendor, engagement, category; fiscal year or quarter) as of any day.
 * /budget (page, CSV, XLSX), the dashboard, the workstream and engagement
 * pages, the API, the board snapshot and the rollup engine all read them.
 */
export type { BurnUpPoint, CubeCell, Dimension, Figures, RollupRow, TimeScope } from "./money/rollup";
export { DIMENSIONS, exposureOf } from "./money/rollup";

export type MoneyScope = { asOf: string } & MoneyFilters & TimeScope;

type Reader = Pick<Db, "select">;

/** The programme's fiscal calendar and span, which every money figure is read against. */
export function moneyContext(db: Reader, asOf: string): RollupContext {
  const program = getProgram(db);
  return {
    asOf,
    fyStartMonth: program.fiscalYearStartMonth,
    horizon: { from: { fiscalYear: program.startFiscalYear, quarter: 1 }, to: { fiscalYear: program.endFiscalYear, quarter: 4 } },
  };
}

/**
 * Every figure of a scope, derived from one cube: a page showing totals,
 * several views and the burn-up queries the database once, and only on the
 * first request after the data changed (each derived result is kept by
 * app/figures/memo.server.ts; the cube itself, up to 180,000 cells at 100×
 * the demo, is not).
 */
export function moneyView(db: Reader, scope: MoneyScope, grain: CubeGrain = "full") {
  const ctx = moneyContext(db, scope.asOf);
  const { asOf: _asOf, fiscalYear, quarter, ...filters } = scope;
  const time: TimeScope = fiscalYear ? { fiscalYear, quarter } : {};
  let cells: CubeCell[] | undefined;
  const cube = () => (cells ??= moneyCube(db, { asOf: scope.asOf, fyStartMonth: ctx.fyStartMonth, filters, grain }));
  const key = (figure: string) => `money.${figure}:${JSON.stringify([scope, grain])}`;
  // The burn-up of a year (or quarter) shows that period alone; of the programme, its whole span.
  const chart: RollupContext = fiscalYear
    ? { ...ctx, horizon: { from: { fiscalYear, quarter: quarter ?? 1 }, to: { fiscalYear, quarter: quarter ?? 4 } as FiscalQuarter } }
    : ctx;
  return {
    ctx,
    totals: (): Figures => rememberFigure(db, key("totals"), () => summarize(cube(), ctx, time)),
    rollup: (dimension: Dimension): RollupRow[] => rememberFigure(db, key(`rollup.${dimension}`), () => rollupBy(cube(), dimension, ctx, time)),
    burnUp: (): { points: BurnUpPoint[]; today: number | null } =>
      rememberFigure(db, key("burnUp"), () => ({
        points: burnUp(
          cube().filter((c) => inTime(c, time)),
          chart,
        ),
        today: todayPosition(chart),
      })),
  };
}

/** The figures of one scope as of a day. */
export function moneyFigures(db: Reader, scope: MoneyScope): Figures {
  return moneyView(db, scope, "time").totals();
}

/** Figures per workstream or engagement id as of a day, in one query (a list page never queries per row). */
export const moneyBy = memoFigure(
  "moneyBy",
  (db: Reader, dimension: "workstream" | "engagement", scope: MoneyScope): Map<number, Figures> =>
    new Map(
      moneyView(db, scope, dimension)
        .rollup(dimension)
        .filter((r) => r.key !== "")
        .map((r) => [Number(r.key), r.figures]),
    ),
);
