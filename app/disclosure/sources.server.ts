import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "#db/connection";
import { engagements, users, vendors, workstreams } from "#db/schema";
import { listPublished } from "~/board/reports.server";
import { obligationsAsOf } from "~/figures/obligations.server";
import { riskSummary, thirdPartyRisks } from "~/figures/risks.server";
import { appetiteAsOf } from "~/figures/settings.server";
import { fiscalQuarterOf, quarterBounds } from "~/money/fiscal";
import { getProgram } from "~/settings/settings.server";
import { programmeTimeZone } from "~/time/today.server";
import { dayIn } from "~/time/zone";

type Reader = Pick<Db, "select" | "all" | "get">;

/**
 * The rows a governance disclosure (SEC Regulation S-K Item 106) is drafted
 * from, for one fiscal year, as of its last day (or today while it runs):
 * engagements of third parties in the year, the board reports published for
 * its quarters, obligations in force, the risk register, and who holds the
 * management and approval roles.
 */
export function disclosureSources(db: Reader, fiscalYear: number, today: string) {
  const prog = getProgram(db);
  const fyStart = quarterBounds({ fiscalYear, quarter: 1 }, prog.fiscalYearStartMonth).start;
  const fyEnd = quarterBounds({ fiscalYear, quarter: 4 }, prog.fiscalYearStartMonth).end;
  const asOf = fyEnd < today ? fyEnd : today;
  const timeZone = programmeTimeZone(db);

  const engaged = db
    .select({
      id: engagements.id,
      vendor: vendors.name,
      kind: engagements.kind,
      title: engagements.title,
      sowReference: engagements.sowReference,
      startDate: engagements.startDate,
      endDate: engagements.endDate,
      status: engagements.status,
    })
    .from(engagements)
    .innerJoin(vendors, eq(vendors.id, engagements.vendorId))
    .where(and(lte(engagements.startDate, asOf), gte(engagements.endDate, fyStart)))
    .orderBy(asc(vendors.name), asc(engagements.startDate))
    .all();

  const reports = listPublished(db)
    .filter((r) => r.quarter.startsWith(`FY${fiscalYear}-`))
    .map((r) => ({ ...r, publishedOn: r.publishedAt ? dayIn(r.publishedAt, timeZone) : null }));

  const people = db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, ["ciso_office", "executive"])))
    .orderBy(asc(users.name))
    .all();

  const leads = db
    .select({ code: workstreams.code, name: workstreams.name, owner: users.name })
    .from(workstreams)
    .leftJoin(users, eq(users.id, workstreams.ownerId))
    .orderBy(asc(workstreams.code))
    .all();

  return {
    programme: { name: prog.name, startFiscalYear: prog.startFiscalYear },
    fiscalYear,
    fyStart,
    fyEnd,
    asOf,
    engagements: engaged,
    reports,
    obligations: obligationsAsOf(db, {}, asOf),
    people,
    workstreams: leads,
    risks: riskSummary(db, { asOf }),
    appetite: appetiteAsOf(db, asOf),
    thirdPartyRisks: thirdPartyRisks(db, { asOf }),
  };
}

export type DisclosureSources = ReturnType<typeof disclosureSources>;

/** The fiscal year a draft opens on: that of the latest published board report, else the one under way. */
export function defaultDisclosureYear(db: Reader, today: string): number {
  const last = listPublished(db).at(-1);
  if (last) return Number(last.quarter.slice(2, 6));
  return fiscalQuarterOf(today, getProgram(db).fiscalYearStartMonth).fiscalYear;
}
