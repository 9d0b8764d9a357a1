import { and, eq, inArray, lt, lte, notExists, sql } from "drizzle-orm";
import { alias, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "#db/connection";
import { statusReports } from "#db/schema";
import type { Rag } from "#db/schema/enums";
import { asOfInstant } from "~/history/as-of.server";
import { programmeTimeZone } from "~/time/today.server";
import { dayIn } from "~/time/zone";

type Reader = Pick<Db, "select">;

export type LatestReport = { id: number; workstreamId: number; period: string; revision: number; submittedOn: string; rag: Rag };

/**
 * Each workstream's latest submitted status report as of D (docs/figures.md):
 * submitted by the end of D, for a month no later than D's, the latest month
 * and, within it, the latest revision. A report for a future month can never
 * be "latest" (and cannot be filed: see status-report-schemas).
 */
export function latestReports(db: Reader, asOf: string, workstreamId?: number): Map<number, LatestReport> {
  const at = asOfInstant(db, asOf);
  const month = asOf.slice(0, 7);
  const newer = alias(statusReports, "newer");
  const counts = (t: { state: SQLiteColumn; submittedAt: SQLiteColumn; period: SQLiteColumn }) =>
    and(eq(t.state, "submitted"), lt(t.submittedAt, at), lte(t.period, month));
  const rows = db
    .select({
      id: statusReports.id,
      workstreamId: statusReports.workstreamId,
      period: statusReports.period,
      revision: statusReports.revision,
      submittedAt: statusReports.submittedAt,
      rag: statusReports.ragOverall,
    })
    .from(statusReports)
    .where(
      and(
        counts(statusReports),
        workstreamId === undefined ? undefined : eq(statusReports.workstreamId, workstreamId),
        notExists(
          db
            .select({ one: sql`1` })
            .from(newer)
            .where(
              and(
                eq(newer.workstreamId, statusReports.workstreamId),
                counts(newer),
                sql`(${newer.period} > ${statusReports.period} or (${newer.period} = ${statusReports.period} and ${newer.revision} > ${statusReports.revision}))`,
              ),
            ),
        ),
      ),
    )
    .all();
  const zone = programmeTimeZone(db);
  return new Map(
    rows.map((r) => [
      r.workstreamId,
      { id: r.id, workstreamId: r.workstreamId, period: r.period, revision: r.revision, submittedOn: dayIn(r.submittedAt ?? at, zone), rag: r.rag },
    ]),
  );
}

/**
 * Which workstreams had a report for each of `periods` submitted by the end
 * of D (docs/figures.md, "Reported for a month"), as "workstreamId period"
 * keys. A report for a later month does not stand in for a missing earlier
 * one: December's report leaves November overdue.
 */
export function reportedFor(db: Reader, asOf: string, periods: string[]): Set<string> {
  if (!periods.length) return new Set();
  const at = asOfInstant(db, asOf);
  const rows = db
    .select({ workstreamId: statusReports.workstreamId, period: statusReports.period })
    .from(statusReports)
    .where(and(eq(statusReports.state, "submitted"), lt(statusReports.submittedAt, at), inArray(statusReports.period, periods)))
    .all();
  return new Set(rows.map((r) => `${r.workstreamId} ${r.period}`));
}
