import { asc } from "drizzle-orm";
import type { Db } from "#db/connection";
import { engagements, vendors, workstreams } from "#db/schema";

/** Names behind the ids of the budget cube, for labels and filter menus. */
export function moneyLookups(db: Pick<Db, "select">) {
  const ws = db.select({ id: workstreams.id, code: workstreams.code, name: workstreams.name }).from(workstreams).orderBy(asc(workstreams.code)).all();
  const vs = db.select({ id: vendors.id, name: vendors.name }).from(vendors).orderBy(asc(vendors.name)).all();
  const es = db
    .select({ id: engagements.id, title: engagements.title, sowReference: engagements.sowReference, vendorId: engagements.vendorId })
    .from(engagements)
    .orderBy(asc(engagements.sowReference))
    .all();
  return {
    workstreams: ws,
    vendors: vs,
    engagements: es,
    workstreamById: new Map(ws.map((w) => [w.id, w])),
    workstreamByCode: new Map(ws.map((w) => [w.code, w])),
    vendorById: new Map(vs.map((v) => [v.id, v])),
    engagementById: new Map(es.map((e) => [e.id, e])),
    engagementBySow: new Map(es.map((e) => [e.sowReference, e])),
  };
}
export type MoneyLookups = ReturnType<typeof moneyLookups>;
