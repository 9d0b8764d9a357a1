import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "#db/connection";
import { measureObligations, measures, measureTargets, measureWorkstreams, obligations, users, workstreams } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { recordLinkSet } from "~/history/link-history.server";
import { endVersion, recordVersion } from "~/history/versions.server";
import { updateVersioned } from "~/utils/concurrency.server";
import { fieldError } from "~/utils/field-errors";
import { measureObligationLinks, measureSpec, measureTargetSpec, measureWorkstreamLinks } from "./history-specs.server";
import type { MeasureForm } from "./schemas";

type Reader = Pick<Db, "select">;

/** What the create/edit form needs to offer: owners, workstreams, obligations. */
export function measureFormOptions(db: Reader) {
  return {
    owners: db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.active, true), inArray(users.role, ["ciso_office", "workstream_lead", "admin", "executive"])))
      .orderBy(asc(users.name))
      .all(),
    workstreams: db.select({ code: workstreams.code, name: workstreams.name }).from(workstreams).orderBy(asc(workstreams.code)).all(),
    obligations: db.select({ code: obligations.code, title: obligations.title }).from(obligations).orderBy(asc(obligations.code)).all(),
  };
}

/** The live row and its links and glide path, for the edit form. */
export function measureForEdit(db: Reader, key: string) {
  const row = db.select().from(measures).where(eq(measures.key, key)).get();
  if (!row) return null;
  const ws = db
    .select({ code: workstreams.code })
    .from(measureWorkstreams)
    .innerJoin(workstreams, eq(workstreams.id, measureWorkstreams.workstreamId))
    .where(eq(measureWorkstreams.measureId, row.id))
    .all();
  const obs = db
    .select({ code: obligations.code })
    .from(measureObligations)
    .innerJoin(obligations, eq(obligations.id, measureObligations.obligationId))
    .where(eq(measureObligations.measureId, row.id))
    .all();
  const targets = db.select().from(measureTargets).where(eq(measureTargets.measureId, row.id)).orderBy(asc(measureTargets.period)).all();
  return { row, workstreams: ws.map((w) => w.code), obligations: obs.map((o) => o.code), targets };
}

function idsByCode(tx: Reader, table: typeof workstreams | typeof obligations, codes: string[], field: string): number[] {
  if (!codes.length) return [];
  const rows = tx.select({ id: table.id, code: table.code }).from(table).where(inArray(table.code, codes)).all();
  const unknown = codes.filter((c) => !rows.some((r) => r.code === c));
  if (unknown.length) throw fieldError(field, `Unknown: ${unknown.join(", ")}.`);
  return rows.map((r) => r.id);
}

/** Replaces the measure's links and records the change in their history, so its linked work as of an earlier day still reads. */
function replaceLinks(tx: Tx, measureId: number, form: MeasureForm) {
  const wsIds = idsByCode(tx, workstreams, [...new Set(form.workstreams)], "workstreams");
  const obIds = idsByCode(tx, obligations, [...new Set(form.obligations)], "obligations");
  tx.delete(measureWorkstreams).where(eq(measureWorkstreams.measureId, measureId)).run();
  tx.delete(measureObligations).where(eq(measureObligations.measureId, measureId)).run();
  if (wsIds.length)
    tx.insert(measureWorkstreams)
      .values(wsIds.map((workstreamId) => ({ measureId, workstreamId })))
      .run();
  if (obIds.length)
    tx.insert(measureObligations)
      .values(obIds.map((obligationId) => ({ measureId, obligationId })))
      .run();
  recordLinkSet(tx, measureWorkstreamLinks, measureId, wsIds);
  recordLinkSet(tx, measureObligationLinks, measureId, obIds);
}

/**
 * Makes the stored glide path equal the form's points: new points are
 * inserted, changed ones updated, dropped ones ended and removed; each
 * change is a version in measure_target_history, so as of an earlier day the
 * old path still reads.
 */
export function syncTargets(tx: Tx, measureId: number, points: Array<{ period: string; target: number }>, at?: string) {
  const existing = tx.select().from(measureTargets).where(eq(measureTargets.measureId, measureId)).all();
  const wanted = new Map(points.map((p) => [p.period, p.target]));
  for (const row of existing) {
    const target = wanted.get(row.period);
    if (target === undefined) {
      endVersion(tx, measureTargetSpec, row.id, at);
      tx.delete(measureTargets).where(eq(measureTargets.id, row.id)).run();
    } else if (target !== row.target) updateVersioned(tx, measureTargets, "target", row.id, row.version, { target });
  }
  for (const p of points) {
    if (existing.some((r) => r.period === p.period)) continue;
    const row = tx.insert(measureTargets).values({ measureId, period: p.period, target: p.target }).returning().get();
    recordVersion(tx, measureTargetSpec, row.id, row, at);
  }
}

const definitionOf = (f: MeasureForm) => ({
  name: f.name,
  definition: f.definition,
  unit: f.unit,
  direction: f.direction,
  kind: f.kind,
  cadence: f.cadence,
  csfCategory: f.csfCategory,
  ownerId: f.ownerId ?? null,
  amberTolerance: f.amberTolerance,
  redTolerance: f.redTolerance,
  appetite: f.appetite,
  boardKey: f.boardKey,
});

/** Creates a measure with its links and glide path, in one transaction, audited. */
export function createMeasure(db: Db, ctx: AuditContext, form: MeasureForm) {
  return db.transaction((tx) => {
    if (tx.select({ id: measures.id }).from(measures).where(eq(measures.key, form.key)).get()) throw fieldError("key", `${form.key} is already used.`);
    const row = tx
      .insert(measures)
      .values({ key: form.key, ...definitionOf(form) })
      .returning()
      .get();
    recordVersion(tx, measureSpec, row.id, row);
    replaceLinks(tx, row.id, form);
    syncTargets(tx, row.id, form.targets);
    writeAudit(tx, ctx, {
      action: "measure.create",
      entity: "measure",
      entityId: row.key,
      after: { ...definitionOf(form), links: pick(form), targets: form.targets },
    });
    return row;
  });
}

const pick = (f: MeasureForm) => ({ workstreams: f.workstreams, obligations: f.obligations });

/** Edits a measure against the version the editor saw (the key never changes: it names the measure in imports and links). */
export function updateMeasure(db: Db, ctx: AuditContext, id: number, form: MeasureForm) {
  return db.transaction((tx) => {
    const before = measureForEditById(tx, id);
    const row = updateVersioned(tx, measures, "measure", id, form.version, definitionOf(form));
    replaceLinks(tx, id, form);
    syncTargets(tx, id, form.targets);
    writeAudit(tx, ctx, {
      action: "measure.update",
      entity: "measure",
      entityId: row.key,
      before,
      after: { ...definitionOf(form), links: pick(form), targets: form.targets },
    });
    return row;
  });
}

function measureForEditById(tx: Reader, id: number) {
  const row = tx.select({ key: measures.key }).from(measures).where(eq(measures.id, id)).get();
  if (!row) throw new Response("This measure no longer exists.", { status: 404 });
  const found = measureForEdit(tx, row.key)!;
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, key: _k, ...definition } = found.row;
  return {
    ...definition,
    links: { workstreams: found.workstreams, obligations: found.obligations },
    targets: found.targets.map((t) => ({ period: t.period, target: t.target })),
  };
}
