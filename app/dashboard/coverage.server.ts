import { sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { risks, workstreamCsfFunctions, workstreams } from "#db/schema";
import { CSF_FUNCTIONS, type CsfFunction } from "#db/schema/enums";
import type { CsfTiers } from "~/settings/schemas";

export type CsfCoverageRow = { fn: CsfFunction; workstreams: number; openRisks: number; current: number; target: number };

/** NIST CSF 2.0 coverage: active or planned workstreams and open risks per function, beside the tiers set in settings. */
export function csfCoverage(db: Pick<Db, "select">, tiers: CsfTiers): CsfCoverageRow[] {
  const ws = db
    .select({ fn: workstreamCsfFunctions.csfFunction, n: sql<number>`count(*)` })
    .from(workstreamCsfFunctions)
    .innerJoin(workstreams, sql`${workstreams.id} = ${workstreamCsfFunctions.workstreamId}`)
    .where(sql`${workstreams.lifecycleStatus} <> 'cancelled'`)
    .groupBy(workstreamCsfFunctions.csfFunction)
    .all();
  const rk = db
    .select({ fn: risks.csfFunction, n: sql<number>`count(*)` })
    .from(risks)
    .where(sql`${risks.status} <> 'closed'`)
    .groupBy(risks.csfFunction)
    .all();
  return CSF_FUNCTIONS.map((fn) => ({
    fn,
    workstreams: Number(ws.find((r) => r.fn === fn)?.n ?? 0),
    openRisks: Number(rk.find((r) => r.fn === fn)?.n ?? 0),
    current: tiers[fn]?.current ?? 1,
    target: tiers[fn]?.target ?? 1,
  }));
}
