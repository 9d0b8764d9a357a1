import { sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { workstreamCsfFunctions, workstreams } from "#db/schema";
import { CSF_FUNCTIONS, type CsfFunction } from "#db/schema/enums";
import { openRisksByCsfFunction } from "~/figures/risks.server";
import { getSettingAsOf } from "~/figures/settings.server";

export type CsfCoverageRow = { fn: CsfFunction; workstreams: number; openRisks: number; current: number; target: number };

/**
 * NIST CSF 2.0 coverage as of a date: active or planned workstreams and
 * risks not closed per function, beside the tiers in force then.
 */
export function csfCoverage(db: Pick<Db, "select" | "all">, asOf: string): CsfCoverageRow[] {
  const tiers = getSettingAsOf(db, "csf_tiers", asOf);
  const ws = db
    .select({ fn: workstreamCsfFunctions.csfFunction, n: sql<number>`count(*)` })
    .from(workstreamCsfFunctions)
    .innerJoin(workstreams, sql`${workstreams.id} = ${workstreamCsfFunctions.workstreamId}`)
    .where(sql`${workstreams.lifecycleStatus} <> 'cancelled'`)
    .groupBy(workstreamCsfFunctions.csfFunction)
    .all();
  const risks = openRisksByCsfFunction(db, { asOf });
  return CSF_FUNCTIONS.map((fn) => ({
    fn,
    workstreams: Number(ws.find((r) => r.fn === fn)?.n ?? 0),
    openRisks: risks[fn],
    current: tiers[fn]?.current ?? 1,
    target: tiers[fn]?.target ?? 1,
  }));
}
