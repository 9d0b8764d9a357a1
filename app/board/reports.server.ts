import { alias } from "drizzle-orm/sqlite-core";
import { and, asc, desc, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "#db/connection";
import { boardReports, users } from "#db/schema";
import type { Role } from "#db/schema/enums";
import { fiscalQuarterOf, parseQuarter, quarterBounds } from "~/money/fiscal";
import { getProgram } from "~/settings/settings.server";
import { buildQuarterSnapshot, hashSnapshot, type QuarterSnapshot } from "./snapshot.server";
import { visibleStates } from "./visibility";

type ReadDb = Pick<Db, "select" | "all" | "get">;

const approver = alias(users, "approver");
const publisher = alias(users, "publisher");
const drafter = alias(users, "drafter");

const listColumns = {
  id: boardReports.id,
  quarter: boardReports.quarter,
  state: boardReports.state,
  asOfDate: boardReports.asOfDate,
  contentHash: boardReports.contentHash,
  approvedAt: boardReports.approvedAt,
  publishedAt: boardReports.publishedAt,
  approverName: approver.name,
  publisherName: publisher.name,
};

/** The reports the role may read, newest quarter first (quarter labels sort chronologically). */
export function listReports(db: ReadDb, role: Role) {
  const states = visibleStates(role);
  if (!states.length) return [];
  return db
    .select({ ...listColumns, snapshot: boardReports.snapshot })
    .from(boardReports)
    .leftJoin(approver, eq(approver.id, boardReports.approvedById))
    .leftJoin(publisher, eq(publisher.id, boardReports.publishedById))
    .where(inArray(boardReports.state, [...states]))
    .orderBy(desc(boardReports.quarter))
    .all()
    .map(({ snapshot, ...r }) => ({ ...r, overall: snapshot ? (frozenSnapshot(snapshot).health?.overall ?? null) : null }));
}

/** Published reports only, oldest first: what the API gives BI tools. */
export function listPublished(db: ReadDb) {
  return db
    .select(listColumns)
    .from(boardReports)
    .leftJoin(approver, eq(approver.id, boardReports.approvedById))
    .leftJoin(publisher, eq(publisher.id, boardReports.publishedById))
    .where(eq(boardReports.state, "published"))
    .orderBy(asc(boardReports.quarter))
    .all();
}

/** One report with the names behind it, or null when absent or not readable by the role (callers answer 404 alike). */
export function findReport(db: ReadDb, quarter: string, role: Role) {
  const row = db
    .select({ report: boardReports, approverName: approver.name, publisherName: publisher.name, drafterName: drafter.name })
    .from(boardReports)
    .leftJoin(approver, eq(approver.id, boardReports.approvedById))
    .leftJoin(publisher, eq(publisher.id, boardReports.publishedById))
    .leftJoin(drafter, eq(drafter.id, boardReports.draftedById))
    .where(eq(boardReports.quarter, quarter))
    .get();
  if (!row || !visibleStates(role).includes(row.report.state)) return null;
  return { ...row.report, approverName: row.approverName, publisherName: row.publisherName, drafterName: row.drafterName };
}

export type BoardReport = NonNullable<ReturnType<typeof findReport>>;

export function frozenSnapshot(json: string): QuarterSnapshot {
  return JSON.parse(json) as QuarterSnapshot;
}

/** The date an unpublished report's live figures are computed as of: its quarter's end, or today while the quarter runs. */
export function liveAsOf(db: ReadDb, quarter: string, today: string): string {
  const q = parseQuarter(quarter);
  if (!q) throw new RangeError(`Not a fiscal quarter: ${quarter}`);
  const { end } = quarterBounds(q, getProgram(db).fiscalYearStartMonth);
  return end < today ? end : today;
}

/**
 * The figures a report shows: frozen ones once published (never recomputed),
 * live ones before, plus whether the stored snapshot still matches its hash.
 */
export function reportFigures(db: ReadDb, report: Pick<BoardReport, "quarter" | "state" | "snapshot" | "contentHash">, today: string) {
  if (report.state === "published" && report.snapshot) {
    const snapshot = frozenSnapshot(report.snapshot);
    return { snapshot, frozen: true as const, verified: hashSnapshot(snapshot) === report.contentHash };
  }
  return { snapshot: buildQuarterSnapshot(db, report.quarter, liveAsOf(db, report.quarter, today)), frozen: false as const, verified: null };
}

/** The published report of the latest quarter before this one: the baseline of the quarter-over-quarter deltas. */
export function previousPublished(db: ReadDb, quarter: string) {
  const row = db
    .select({ quarter: boardReports.quarter, snapshot: boardReports.snapshot })
    .from(boardReports)
    .where(and(eq(boardReports.state, "published"), lt(boardReports.quarter, quarter)))
    .orderBy(desc(boardReports.quarter))
    .limit(1)
    .get();
  return row?.snapshot ? { quarter: row.quarter, snapshot: frozenSnapshot(row.snapshot) } : null;
}

/** Quarters from the programme's first to the current one that have no report yet, newest first. */
export function quartersWithoutReport(db: ReadDb, today: string): string[] {
  const prog = getProgram(db);
  const current = fiscalQuarterOf(today, prog.fiscalYearStartMonth);
  const taken = new Set(
    db
      .select({ quarter: boardReports.quarter })
      .from(boardReports)
      .all()
      .map((r) => r.quarter),
  );
  const out: string[] = [];
  for (let fy = current.fiscalYear; fy >= prog.startFiscalYear; fy--) {
    for (let q = 4; q >= 1; q--) {
      if (fy === current.fiscalYear && q > current.quarter) continue;
      const label = `FY${fy}-Q${q}`;
      if (!taken.has(label)) out.push(label);
    }
  }
  return out;
}
