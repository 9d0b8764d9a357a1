import { alias } from "drizzle-orm/sqlite-core";
import { and, asc, desc, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "#db/connection";
import { boardReports, users } from "#db/schema";
import type { Role } from "#db/schema/enums";
import { fiscalQuarterOf } from "~/money/fiscal";
import { getProgram } from "~/settings/settings.server";
import { programmeTimeZone } from "~/time/today.server";
import { dayIn } from "~/time/zone";
import { liveAsOf } from "./as-of.server";
import { verifyContentHash } from "./freeze.server";
import { buildQuarterSnapshot, type QuarterSnapshot } from "./snapshot.server";
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
  earlyPublicationReason: boardReports.earlyPublicationReason,
  approverName: approver.name,
  publisherName: publisher.name,
};

/** The reports the role may read, newest quarter first (quarter labels sort chronologically). */
export function listReports(db: ReadDb, role: Role) {
  const states = visibleStates(role);
  if (!states.length) return [];
  const timeZone = programmeTimeZone(db);
  return db
    .select({ ...listColumns, snapshot: boardReports.snapshot })
    .from(boardReports)
    .leftJoin(approver, eq(approver.id, boardReports.approvedById))
    .leftJoin(publisher, eq(publisher.id, boardReports.publishedById))
    .where(inArray(boardReports.state, [...states]))
    .orderBy(desc(boardReports.quarter))
    .all()
    .map(({ snapshot, ...r }) => ({
      ...r,
      publishedOn: r.publishedAt ? dayIn(r.publishedAt, timeZone) : null,
      overall: snapshot ? (frozenSnapshot(snapshot).health?.overall ?? null) : null,
    }));
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
  // Approval and publication are instants; the report shows their day in the programme's time zone.
  const timeZone = programmeTimeZone(db);
  const on = (instant: string | null) => (instant ? dayIn(instant, timeZone) : null);
  return {
    ...row.report,
    approverName: row.approverName,
    publisherName: row.publisherName,
    drafterName: row.drafterName,
    approvedOn: on(row.report.approvedAt),
    publishedOn: on(row.report.publishedAt),
    timeZone,
  };
}

export type BoardReport = NonNullable<ReturnType<typeof findReport>>;

export function frozenSnapshot(json: string): QuarterSnapshot {
  return JSON.parse(json) as QuarterSnapshot;
}

/**
 * The figures a report shows: the frozen snapshot once approved (what the
 * executive approved is what publication will publish, never recomputed for
 * display), live figures before; for a published report, whether its stored
 * content still matches its hash.
 */
export function reportFigures(db: ReadDb, report: Parameters<typeof verifyContentHash>[0] & Pick<BoardReport, "state">, today: string) {
  if ((report.state === "published" || report.state === "approved") && report.snapshot) {
    const snapshot = frozenSnapshot(report.snapshot);
    if (report.state === "approved") return { snapshot, frozen: false as const, approvedFigures: true, verified: null };
    return { snapshot, frozen: true as const, approvedFigures: true, verified: verifyContentHash(report) };
  }
  return {
    snapshot: buildQuarterSnapshot(db, report.quarter, liveAsOf(db, report.quarter, today)),
    frozen: false as const,
    approvedFigures: false,
    verified: null,
  };
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
