import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { ListParams, ListSpec, SortDir } from "~/lists/list-params";
import { countAll, ordered, orderFor, runPage } from "~/lists/page.server";
import { searchAny } from "~/lists/search.server";
import { byCodeLength } from "~/utils/code-order";
import type { Db, Tx } from "#db/connection";
import { deliverables, engagements, engagementWorkstreams, milestoneBaselines, milestones, users, vendors, workstreams } from "#db/schema";
import { programmeTimeZone } from "~/time/today.server";
import { dayIn } from "~/time/zone";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { moneyBy, moneyFigures } from "~/figures/money.server";
import { updateVersioned } from "~/utils/concurrency.server";
import { missingIds } from "~/utils/references.server";
import { type DeliverableInput, ENGAGEMENT_DRAFT_FIELDS, type EngagementFilters, type EngagementInput } from "./engagement-schemas";
import { fieldError } from "~/utils/field-errors";

type Read = Pick<Db, "select">;

export const ENGAGEMENT_SORTS = ["vendor", "title", "kind", "sow", "start", "end", "status", "contract"] as const;
export type EngagementSort = (typeof ENGAGEMENT_SORTS)[number];
export const ENGAGEMENT_LIST: ListSpec<EngagementSort> = { sorts: ENGAGEMENT_SORTS, defaultSort: "vendor", defaultDir: "asc" };

const ENGAGEMENT_ORDERS: Record<EngagementSort, (dir: SortDir) => SQL[]> = {
  vendor: (dir) => [ordered(sql`lower(${vendors.name})`, dir), ordered(engagements.startDate, dir)],
  title: (dir) => [ordered(sql`lower(${engagements.title})`, dir)],
  kind: (dir) => [ordered(engagements.kind, dir)],
  sow: (dir) => byCodeLength(engagements.sowReference, dir),
  start: (dir) => [ordered(engagements.startDate, dir)],
  end: (dir) => [ordered(engagements.endDate, dir)],
  status: (dir) => [ordered(engagements.status, dir)],
  contract: (dir) => [ordered(engagements.contractValueCents, dir)],
};

/** The list's filters as SQL, shared by the page and the CSV export. */
function engagementConditions(db: Read, filters: EngagementFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.vendor) where.push(eq(engagements.vendorId, filters.vendor));
  if (filters.kind) where.push(eq(engagements.kind, filters.kind));
  if (filters.status) where.push(eq(engagements.status, filters.status));
  if (filters.workstream) {
    where.push(
      inArray(
        engagements.id,
        db
          .select({ id: engagementWorkstreams.engagementId })
          .from(engagementWorkstreams)
          .innerJoin(workstreams, eq(workstreams.id, engagementWorkstreams.workstreamId))
          .where(eq(workstreams.code, filters.workstream)),
      ),
    );
  }
  const search = searchAny(filters.q ?? "", [engagements.title, engagements.sowReference, vendors.name]);
  if (search) where.push(search);
  return where;
}

function selectEngagements(db: Read) {
  return db
    .select({
      id: engagements.id,
      title: engagements.title,
      vendorId: engagements.vendorId,
      vendor: vendors.name,
      kind: engagements.kind,
      sowReference: engagements.sowReference,
      startDate: engagements.startDate,
      endDate: engagements.endDate,
      contractValueCents: engagements.contractValueCents,
      status: engagements.status,
      ownerName: users.name,
    })
    .from(engagements)
    .innerJoin(vendors, eq(vendors.id, engagements.vendorId))
    .leftJoin(users, eq(users.id, engagements.relationshipOwnerId));
}

type EngagementBase = ReturnType<ReturnType<typeof selectEngagements>["all"]>[number];

/** Spend to date (the money figures', docs/figures.md#money, one grouped query) and linked workstreams, for these rows. */
function decorate(db: Read, rows: EngagementBase[], today: string) {
  const money = moneyBy(db, "engagement", { asOf: today });
  const links = workstreamCodesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...r,
    actualCents: money.get(r.id)?.actualCents ?? 0,
    committedCents: money.get(r.id)?.committedCents ?? 0,
    workstreamCodes: links.get(r.id) ?? [],
  }));
}

/** Every engagement matching the filters (the CSV export). */
export function listEngagements(db: Read, filters: EngagementFilters, today: string) {
  const rows = selectEngagements(db)
    .where(and(...engagementConditions(db, filters)))
    .orderBy(asc(vendors.name), asc(engagements.startDate))
    .all();
  return decorate(db, rows, today);
}

/** One page of the engagement list: a count and the page's rows over the same conditions. */
export function pageEngagements(db: Read, filters: EngagementFilters, today: string, params: ListParams<EngagementSort>) {
  const where = and(...engagementConditions(db, { ...filters, q: params.q }));
  const page = runPage(params, {
    count: () => db.select({ n: countAll }).from(engagements).innerJoin(vendors, eq(vendors.id, engagements.vendorId)).where(where).get()?.n ?? 0,
    rows: ({ limit, offset }) =>
      selectEngagements(db)
        .where(where)
        .orderBy(...orderFor(params, ENGAGEMENT_ORDERS, asc(engagements.id)))
        .limit(limit)
        .offset(offset)
        .all(),
  });
  return { rows: decorate(db, page.rows, today), view: page.view };
}

function workstreamCodesOf(db: Read, ids: number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (!ids.length) return out;
  const rows = db
    .select({ engagementId: engagementWorkstreams.engagementId, code: workstreams.code })
    .from(engagementWorkstreams)
    .innerJoin(workstreams, eq(workstreams.id, engagementWorkstreams.workstreamId))
    .where(inArray(engagementWorkstreams.engagementId, ids))
    .orderBy(asc(workstreams.code))
    .all();
  for (const r of rows) out.set(r.engagementId, [...(out.get(r.engagementId) ?? []), r.code]);
  return out;
}

export function engagementDetail(db: Read, id: number, today: string) {
  const row = db
    .select({ engagement: engagements, vendor: vendors.name, ownerName: users.name })
    .from(engagements)
    .innerJoin(vendors, eq(vendors.id, engagements.vendorId))
    .leftJoin(users, eq(users.id, engagements.relationshipOwnerId))
    .where(eq(engagements.id, id))
    .get();
  if (!row) return null;
  const money = moneyFigures(db, { asOf: today, engagementId: id });
  const linked = db
    .select({ id: workstreams.id, code: workstreams.code, name: workstreams.name })
    .from(engagementWorkstreams)
    .innerJoin(workstreams, eq(workstreams.id, engagementWorkstreams.workstreamId))
    .where(eq(engagementWorkstreams.engagementId, id))
    .orderBy(asc(workstreams.code))
    .all();
  const items = db
    .select({ deliverable: deliverables, milestoneCode: milestones.code, milestoneTitle: milestones.title })
    .from(deliverables)
    .leftJoin(milestones, eq(milestones.id, deliverables.milestoneId))
    .where(eq(deliverables.engagementId, id))
    .orderBy(asc(deliverables.dueDate), asc(deliverables.id))
    .all()
    .map((d) => ({ ...d.deliverable, milestoneCode: d.milestoneCode, milestoneTitle: d.milestoneTitle }));
  // When each linked milestone moved (its re-baselines), so a deliverable never hides that its milestone slipped.
  const linkedMilestones = [...new Set(items.map((d) => d.milestoneId).filter((m): m is number => m !== null))];
  const moves = linkedMilestones.length
    ? db
        .select({
          milestoneId: milestoneBaselines.milestoneId,
          changedAt: milestoneBaselines.changedAt,
          previousDate: milestoneBaselines.previousDate,
          newDate: milestoneBaselines.newDate,
        })
        .from(milestoneBaselines)
        .where(inArray(milestoneBaselines.milestoneId, linkedMilestones))
        .orderBy(asc(milestoneBaselines.changedAt), asc(milestoneBaselines.id))
        .all()
    : [];
  const zone = programmeTimeZone(db);
  const movesOf = (milestoneId: number | null) =>
    moves.filter((m) => m.milestoneId === milestoneId).map((m) => ({ on: dayIn(m.changedAt, zone), from: m.previousDate, to: m.newDate }));
  return {
    engagement: { ...row.engagement, vendor: row.vendor, ownerName: row.ownerName },
    actualCents: money.actualCents,
    committedCents: money.committedCents,
    workstreams: linked,
    deliverables: items.map((d) => ({ ...d, milestoneMoves: movesOf(d.milestoneId) })),
  };
}

export function vendorOptions(db: Read) {
  return db.select({ id: vendors.id, name: vendors.name }).from(vendors).orderBy(asc(vendors.name)).all();
}

// A conflict compares the form's own fields: the same ones a draft refills (its workstream links are saved apart).
export const ENGAGEMENT_COMPARED_FIELDS: string[] = [...ENGAGEMENT_DRAFT_FIELDS];
export const DELIVERABLE_COMPARED_FIELDS = ["title", "dueDate", "acceptedDate", "status", "milestoneId"];

function checkReferences(tx: Tx, input: EngagementInput, id?: number) {
  if (!tx.select({ id: vendors.id }).from(vendors).where(eq(vendors.id, input.vendorId)).get()) throw fieldError("vendorId", "Choose a vendor from the list.");
  const sow = tx.select({ id: engagements.id }).from(engagements).where(eq(engagements.sowReference, input.sowReference)).get();
  if (sow && sow.id !== id) throw fieldError("sowReference", `SOW ${input.sowReference} belongs to another engagement.`);
  if (missingIds(tx, users.id, [input.relationshipOwnerId]).length) throw fieldError("relationshipOwnerId", "Choose the relationship owner from the list.");
  const ids = [...new Set(input.workstreamIds)];
  if (ids.length && tx.select({ id: workstreams.id }).from(workstreams).where(inArray(workstreams.id, ids)).all().length !== ids.length) {
    throw fieldError("workstreamIds", "A chosen workstream no longer exists.");
  }
  return ids;
}

function replaceLinks(tx: Tx, engagementId: number, workstreamIds: number[]) {
  tx.delete(engagementWorkstreams).where(eq(engagementWorkstreams.engagementId, engagementId)).run();
  if (workstreamIds.length)
    tx.insert(engagementWorkstreams)
      .values(workstreamIds.map((workstreamId) => ({ engagementId, workstreamId })))
      .run();
}

export function createEngagement(db: Db, ctx: AuditContext, input: EngagementInput) {
  return db.transaction((tx) => {
    const links = checkReferences(tx, input);
    const { workstreamIds: _w, ...values } = input;
    const row = tx
      .insert(engagements)
      .values({ ...values, relationshipOwnerId: values.relationshipOwnerId ?? null })
      .returning()
      .get();
    replaceLinks(tx, row.id, links);
    writeAudit(tx, ctx, { action: "engagement.create", entity: "engagement", entityId: row.id, after: { ...row, workstreamIds: links } });
    return row;
  });
}

export function updateEngagement(db: Db, ctx: AuditContext, id: number, input: EngagementInput & { version: number }) {
  return db.transaction((tx) => {
    const before = tx.select().from(engagements).where(eq(engagements.id, id)).get();
    const linksBefore = tx
      .select({ id: engagementWorkstreams.workstreamId })
      .from(engagementWorkstreams)
      .where(eq(engagementWorkstreams.engagementId, id))
      .all()
      .map((r) => r.id);
    const links = checkReferences(tx, input, id);
    const { workstreamIds: _w, version, ...values } = input;
    const after = updateVersioned(tx, engagements, "engagement", id, version, { ...values, relationshipOwnerId: values.relationshipOwnerId ?? null });
    replaceLinks(tx, id, links);
    writeAudit(tx, ctx, {
      action: "engagement.update",
      entity: "engagement",
      entityId: id,
      before: { ...before, workstreamIds: linksBefore },
      after: { ...after, workstreamIds: links },
    });
    return after;
  });
}

function deliverableValues(input: Omit<DeliverableInput, "intent">) {
  return { title: input.title, dueDate: input.dueDate, acceptedDate: input.acceptedDate ?? null, status: input.status, milestoneId: input.milestoneId ?? null };
}

function checkMilestone(tx: Tx, milestoneId: number | undefined) {
  if (milestoneId && !tx.select({ id: milestones.id }).from(milestones).where(eq(milestones.id, milestoneId)).get())
    throw fieldError("milestoneId", "Choose a milestone from the list.");
}

export function addDeliverable(db: Db, ctx: AuditContext, engagementId: number, input: Omit<DeliverableInput, "intent">) {
  return db.transaction((tx) => {
    checkMilestone(tx, input.milestoneId);
    const row = tx
      .insert(deliverables)
      .values({ engagementId, ...deliverableValues(input) })
      .returning()
      .get();
    writeAudit(tx, ctx, { action: "deliverable.create", entity: "deliverable", entityId: row.id, after: row });
    return row;
  });
}

export function updateDeliverable(
  db: Db,
  ctx: AuditContext,
  engagementId: number,
  input: Omit<DeliverableInput, "intent"> & { deliverableId: number; version: number },
) {
  return db.transaction((tx) => {
    const before = tx.select().from(deliverables).where(eq(deliverables.id, input.deliverableId)).get();
    if (!before || before.engagementId !== engagementId) throw new Response("Not found", { status: 404 });
    checkMilestone(tx, input.milestoneId);
    const after = updateVersioned(tx, deliverables, "deliverable", input.deliverableId, input.version, deliverableValues(input));
    writeAudit(tx, ctx, { action: "deliverable.update", entity: "deliverable", entityId: input.deliverableId, before, after });
    return after;
  });
}
