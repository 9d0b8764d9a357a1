import { and, asc, count, eq, gt, gte, inArray, lte, or, type SQL, sql } from "drizzle-orm";
import { countByIdWindows, type IdRange, idRangeOf } from "~/exports/id-windows.server";
import type { Db } from "#db/connection";
import { actuals, actualTags, engagements, vendors, workstreams } from "#db/schema";
import type { CostCategory } from "#db/schema/enums";
import type { ListParams, ListSpec, SortDir } from "~/lists/list-params";
import { countAll, ordered, orderFor, runPage } from "~/lists/page.server";
import { searchAny } from "~/lists/search.server";
import { byCodeLength } from "~/utils/code-order";

export type ActualFilters = { from?: string; to?: string; workstreamId?: number; category?: CostCategory; vendorId?: number };

function where(f: ActualFilters): SQL | undefined {
  const w: SQL[] = [];
  if (f.from) w.push(sql`${actuals.date} >= ${f.from}`);
  if (f.to) w.push(sql`${actuals.date} <= ${f.to}`);
  if (f.workstreamId) w.push(eq(actuals.workstreamId, f.workstreamId));
  if (f.category) w.push(eq(actuals.category, f.category));
  if (f.vendorId) w.push(eq(engagements.vendorId, f.vendorId));
  return w.length ? and(...w) : undefined;
}

const actualColumns = {
  id: actuals.id,
  reference: actuals.reference,
  date: actuals.date,
  amountCents: actuals.amountCents,
  workstreamCode: workstreams.code,
  engagementSow: engagements.sowReference,
  engagementTitle: engagements.title,
  vendorName: vendors.name,
  category: actuals.category,
  costClass: actuals.costClass,
  description: actuals.description,
  version: actuals.version,
};

export const ACTUAL_SORTS = ["date", "reference", "amount", "category"] as const;
export type ActualSort = (typeof ACTUAL_SORTS)[number];
/** /budget already uses `q` (the quarter), so the invoice list's parameters carry a prefix. */
export const ACTUAL_LIST: ListSpec<ActualSort> = { sorts: ACTUAL_SORTS, defaultSort: "date", defaultDir: "asc", prefix: "actuals-" };

const ACTUAL_ORDERS: Record<ActualSort, (dir: SortDir) => SQL[]> = {
  date: (dir) => [ordered(actuals.date, dir), ...byCodeLength(actuals.reference, dir)],
  reference: (dir) => byCodeLength(actuals.reference, dir),
  amount: (dir) => [ordered(actuals.amountCents, dir)],
  category: (dir) => [ordered(actuals.category, dir)],
};

/**
 * One page of the invoices behind a drill-down cell: a count and the page
 * over the same WHERE, then the funding tags of the page's rows.
 */
export function pageActuals(db: Pick<Db, "select">, f: ActualFilters, params: ListParams<ActualSort>) {
  const search = searchAny(params.q, [actuals.reference, actuals.description]);
  const condition = and(where(f), search);
  const page = runPage(params, {
    count: () => db.select({ n: countAll }).from(actuals).leftJoin(engagements, eq(engagements.id, actuals.engagementId)).where(condition).get()?.n ?? 0,
    rows: ({ limit, offset }) =>
      db
        .select(actualColumns)
        .from(actuals)
        .innerJoin(workstreams, eq(workstreams.id, actuals.workstreamId))
        .leftJoin(engagements, eq(engagements.id, actuals.engagementId))
        .leftJoin(vendors, eq(vendors.id, engagements.vendorId))
        .where(condition)
        .orderBy(...orderFor(params, ACTUAL_ORDERS, asc(actuals.id)))
        .limit(limit)
        .offset(offset)
        .all(),
  });
  return { rows: withTags(db, page.rows), view: page.view };
}

/** Where a keyset page starts: after this invoice in (date, reference) order (references are unique). */
export type ActualsCursor = { date: string; reference: string };

/** The invoices behind a drill-down cell, oldest first, with their funding tags; `after` reads the next page of an export. */
export function listActuals(db: Pick<Db, "select">, f: ActualFilters, limit = 1000, after?: ActualsCursor) {
  const rows = db
    .select(actualColumns)
    .from(actuals)
    .innerJoin(workstreams, eq(workstreams.id, actuals.workstreamId))
    .leftJoin(engagements, eq(engagements.id, actuals.engagementId))
    .leftJoin(vendors, eq(vendors.id, engagements.vendorId))
    // "On or after its day, and later in the order" rather than "later day, or same day and later reference": the OR form made
    // SQLite merge two index scans and sort every remaining invoice for each page (a quarter of a second per 1,000 at 100×).
    .where(and(where(f), after ? and(gte(actuals.date, after.date), or(gt(actuals.date, after.date), gt(actuals.reference, after.reference))) : undefined))
    .orderBy(asc(actuals.date), asc(actuals.reference))
    .limit(limit)
    .all();
  return withTags(db, rows);
}

function withTags<R extends { id: number }>(db: Pick<Db, "select">, rows: R[]) {
  const tags = new Map<number, string[]>();
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    for (const t of db.select().from(actualTags).where(inArray(actualTags.actualId, ids)).orderBy(asc(actualTags.tag)).all()) {
      tags.set(t.actualId, [...(tags.get(t.actualId) ?? []), t.tag]);
    }
  }
  return rows.map((r) => ({ ...r, tags: tags.get(r.id) ?? [] }));
}

export function countActuals(db: Pick<Db, "select">, f: ActualFilters, ids?: IdRange): { n: number; cents: number } {
  const r = db
    .select({ n: count(), cents: sql<number>`coalesce(sum(${actuals.amountCents}), 0)` })
    .from(actuals)
    .leftJoin(engagements, eq(engagements.id, actuals.engagementId))
    .where(and(where(f), ids ? and(gte(actuals.id, ids.low), lte(actuals.id, ids.high)) : undefined))
    .get();
  return { n: r?.n ?? 0, cents: Number(r?.cents ?? 0) };
}

/** How many invoices match, counted by windows of ids: one count over 300,000 invoices held the server for a fifth of a second. */
export function countActualsByWindows(db: Pick<Db, "select">, f: ActualFilters, signal?: AbortSignal): Promise<number> {
  return countByIdWindows(idRangeOf(db, actuals, actuals.id), (ids) => countActuals(db, f, ids).n, signal);
}
