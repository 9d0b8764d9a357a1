import { and, asc, eq, inArray, ne, notInArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "#db/connection";
import { users, workstreamCsfFunctions, workstreams } from "#db/schema";
import type { CsfFunction, Rag } from "#db/schema/enums";
import { computeProgramStatus, computeWorkstreamStatus } from "~/rollups/status.server";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { byCodeNumber } from "~/utils/code-order";
import type { ListParams, ListSpec, SortDir } from "~/lists/list-params";
import { countAll, ordered, orderFor, runPage } from "~/lists/page.server";
import { searchAny } from "~/lists/search.server";
import { updateVersioned } from "~/utils/concurrency.server";
import { missingIds } from "~/utils/references.server";
import { workstreamHistorySpec } from "~/history/specs.server";
import { recordVersion } from "~/history/versions.server";
import { fieldError } from "~/utils/field-errors";
import { milestoneFiguresByWorkstream, NO_MILESTONES } from "~/figures/milestones.server";
import type { WorkstreamCreateInput, WorkstreamEditInput, WorkstreamFilters } from "./workstream-schemas";

type Read = Pick<Db, "select" | "all">;

export const WORKSTREAM_SORTS = ["code", "name", "owner", "lifecycle", "start", "end"] as const;
export type WorkstreamSort = (typeof WORKSTREAM_SORTS)[number];
export const WORKSTREAM_LIST: ListSpec<WorkstreamSort> = { sorts: WORKSTREAM_SORTS, defaultSort: "code", defaultDir: "asc" };

const owner = alias(users, "owner");
const sponsor = alias(users, "sponsor");

const WORKSTREAM_ORDERS: Record<WorkstreamSort, (dir: SortDir) => SQL[]> = {
  code: (dir) => byCodeNumber(workstreams.code, "WS-", dir),
  name: (dir) => [ordered(sql`lower(${workstreams.name})`, dir)],
  owner: (dir) => [ordered(sql`${owner.name} is null`, "asc"), ordered(sql`lower(${owner.name})`, dir)],
  lifecycle: (dir) => [ordered(workstreams.lifecycleStatus, dir)],
  start: (dir) => [ordered(workstreams.startDate, dir)],
  end: (dir) => [ordered(workstreams.endDate, dir)],
};

/**
 * The SQL part of the list's filters (the RAG filter is the rollup
 * engine's, see `ragIds`), shared by the page and the CSV export.
 */
function workstreamConditions(db: Read, filters: WorkstreamFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.lifecycle) where.push(eq(workstreams.lifecycleStatus, filters.lifecycle));
  if (filters.owner) where.push(eq(workstreams.ownerId, filters.owner));
  if (filters.csf) {
    where.push(
      inArray(
        workstreams.id,
        db.select({ id: workstreamCsfFunctions.workstreamId }).from(workstreamCsfFunctions).where(eq(workstreamCsfFunctions.csfFunction, filters.csf)),
      ),
    );
  }
  const search = searchAny(filters.q ?? "", [workstreams.code, workstreams.name, workstreams.objective]);
  if (search) where.push(search);
  return where;
}

function selectWorkstreams(db: Read) {
  return db
    .select({
      id: workstreams.id,
      code: workstreams.code,
      name: workstreams.name,
      ownerId: workstreams.ownerId,
      ownerName: owner.name,
      sponsorName: sponsor.name,
      lifecycleStatus: workstreams.lifecycleStatus,
      startDate: workstreams.startDate,
      endDate: workstreams.endDate,
    })
    .from(workstreams)
    .leftJoin(owner, eq(owner.id, workstreams.ownerId))
    .leftJoin(sponsor, eq(sponsor.id, workstreams.sponsorId));
}

type WorkstreamBase = ReturnType<ReturnType<typeof selectWorkstreams>["all"]>[number];

/** What a row shows beyond its own columns: milestone counts, RAGs and CSF functions, for these rows only. */
function decorate(db: Read, rows: WorkstreamBase[], today: string, rags: ReturnType<typeof rollupRags>) {
  const figures = milestoneFiguresByWorkstream(db, { asOf: today });
  const csf = csfFunctionsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const m = figures.get(r.id) ?? NO_MILESTONES;
    return {
      ...r,
      milestonesOpen: m.open,
      milestonesSlipped: m.slipped,
      milestonesSlippedOriginal: m.slippedOriginal,
      milestonesRebaselined: m.rebaselined,
      ...(rags.get(r.id) ?? { rag: null, ragSource: null, reported: null }),
      csfFunctions: csf.get(r.id) ?? [],
    };
  });
}

/**
 * The RAG filter as SQL over the rollup engine's verdicts (the rollup runs
 * in memory over the whole programme): the ids with that RAG, or for "none"
 * every workstream not among those with one (cancelled, or not rolled up).
 */
function ragCondition(filters: WorkstreamFilters, rags: ReturnType<typeof rollupRags>): SQL | undefined {
  if (!filters.rag) return undefined;
  const withRag = (want: (rag: Rag | null) => boolean) => [...rags.entries()].filter(([, r]) => want(r.rag)).map(([id]) => id);
  if (filters.rag === "none") {
    const rated = withRag((rag) => rag !== null);
    return rated.length ? notInArray(workstreams.id, rated) : undefined;
  }
  const ids = withRag((rag) => rag === filters.rag);
  return ids.length ? inArray(workstreams.id, ids) : sql`1 = 0`;
}

/** Every workstream matching the filters, in code order (the CSV export). */
export function listWorkstreams(db: Read, filters: WorkstreamFilters, today: string) {
  const rags = rollupRags(db, today);
  const rows = selectWorkstreams(db)
    .where(and(...workstreamConditions(db, filters), ragCondition(filters, rags)))
    .orderBy(...byCodeNumber(workstreams.code, "WS-"))
    .all();
  return decorate(db, rows, today, rags);
}

/** One page of the workstream list: a count and the page's rows over the same conditions, then what those rows show. */
export function pageWorkstreams(db: Read, filters: WorkstreamFilters, today: string, params: ListParams<WorkstreamSort>) {
  const rags = rollupRags(db, today);
  const where = and(...workstreamConditions(db, { ...filters, q: params.q }), ragCondition(filters, rags));
  const page = runPage(params, {
    count: () => db.select({ n: countAll }).from(workstreams).where(where).get()?.n ?? 0,
    rows: ({ limit, offset }) =>
      selectWorkstreams(db)
        .where(where)
        .orderBy(...orderFor(params, WORKSTREAM_ORDERS, asc(workstreams.id)))
        .limit(limit)
        .offset(offset)
        .all(),
  });
  return { rows: decorate(db, page.rows, today, rags), view: page.view };
}

/**
 * Each workstream's overall RAG from the rollup engine, the same one the
 * dashboard shows (a cancelled workstream has none). The RAG filter runs on
 * these few rows after SQL has aggregated everything else.
 */
export function workstreamRollup(db: Read, workstreamId: number, today: string) {
  // The rollup of this workstream alone (its row of the programme's status, computed from its own rows).
  const w = computeWorkstreamStatus(db, today, workstreamId);
  if (!w) return { rag: null, ragSource: null, reported: null, status: null };
  return { rag: w.overall.rag as Rag | null, ragSource: (w.override ? "override" : "rollup") as "override" | "rollup" | null, reported: w.reported, status: w };
}

function rollupRags(db: Read, today: string) {
  const status = computeProgramStatus(db, today);
  return new Map(
    status.workstreams.map((w) => [
      w.id,
      {
        rag: w.overall.rag as Rag | null,
        ragSource: (w.override ? "override" : "rollup") as "override" | "rollup" | null,
        reported: w.reported,
        status: w,
      },
    ]),
  );
}

export function csfFunctionsOf(db: Read, ids: number[]): Map<number, CsfFunction[]> {
  const out = new Map<number, CsfFunction[]>();
  if (!ids.length) return out;
  for (const r of db.select().from(workstreamCsfFunctions).where(inArray(workstreamCsfFunctions.workstreamId, ids)).all()) {
    out.set(r.workstreamId, [...(out.get(r.workstreamId) ?? []), r.csfFunction]);
  }
  return out;
}

export function getWorkstreamByCode(db: Read, code: string, _today: string) {
  const owner = alias(users, "owner");
  const sponsor = alias(users, "sponsor");
  const row = db
    .select({ ws: workstreams, ownerName: owner.name, sponsorName: sponsor.name })
    .from(workstreams)
    .leftJoin(owner, eq(owner.id, workstreams.ownerId))
    .leftJoin(sponsor, eq(sponsor.id, workstreams.sponsorId))
    .where(eq(workstreams.code, code.toUpperCase()))
    .get();
  if (!row) return null;
  return { ...row.ws, ownerName: row.ownerName, sponsorName: row.sponsorName, csfFunctions: csfFunctionsOf(db, [row.ws.id]).get(row.ws.id) ?? [] };
}

/** People who can own or sponsor a workstream (board members cannot). */
export function peopleOptions(db: Read) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), ne(users.role, "board")))
    .orderBy(asc(users.name))
    .all();
}

/** Owners actually holding a workstream, for the list's owner filter. */
export function ownerOptions(db: Pick<Db, "selectDistinct">) {
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(workstreams)
    .innerJoin(users, eq(users.id, workstreams.ownerId))
    .orderBy(asc(users.name))
    .all();
}

function overrideValues(input: WorkstreamEditInput | WorkstreamCreateInput) {
  return {
    ragOverride: input.ragOverride ?? null,
    ragOverrideReason: input.ragOverride ? (input.ragOverrideReason ?? null) : null,
    ragOverrideExpiresOn: input.ragOverride ? (input.ragOverrideExpiresOn ?? null) : null,
  };
}

export const WORKSTREAM_COMPARED_FIELDS = [
  "name",
  "objective",
  "ownerId",
  "sponsorId",
  "startDate",
  "endDate",
  "lifecycleStatus",
  "ragOverride",
  "ragOverrideReason",
  "ragOverrideExpiresOn",
];

function checkPeople(tx: Pick<Db, "select">, input: { ownerId?: number; sponsorId?: number }) {
  if (missingIds(tx, users.id, [input.ownerId]).length) throw fieldError("ownerId", "Choose the owner from the list.");
  if (missingIds(tx, users.id, [input.sponsorId]).length) throw fieldError("sponsorId", "Choose the sponsor from the list.");
}

export function createWorkstream(db: Db, ctx: AuditContext, input: WorkstreamCreateInput) {
  return db.transaction((tx) => {
    checkPeople(tx, input);
    if (tx.select({ id: workstreams.id }).from(workstreams).where(eq(workstreams.code, input.code)).get())
      throw fieldError("code", `${input.code} already exists.`);
    const { csfFunctions, ...values } = input;
    const row = tx
      .insert(workstreams)
      .values({ ...values, ownerId: values.ownerId ?? null, sponsorId: values.sponsorId ?? null, ...overrideValues(input) })
      .returning()
      .get();
    recordVersion(tx, workstreamHistorySpec, row.id, row, row.createdAt);
    tx.insert(workstreamCsfFunctions)
      .values(csfFunctions.map((csfFunction) => ({ workstreamId: row.id, csfFunction })))
      .run();
    writeAudit(tx, ctx, { action: "workstream.create", entity: "workstream", entityId: row.id, after: { ...row, csfFunctions } });
    return row;
  });
}

export function updateWorkstream(db: Db, ctx: AuditContext, id: number, input: WorkstreamEditInput) {
  return db.transaction((tx) => {
    checkPeople(tx, input);
    const before = tx.select().from(workstreams).where(eq(workstreams.id, id)).get();
    const csfBefore = csfFunctionsOf(tx, [id]).get(id) ?? [];
    const { csfFunctions, version, ...values } = input;
    const after = updateVersioned(tx, workstreams, "workstream", id, version, {
      ...values,
      ownerId: values.ownerId ?? null,
      sponsorId: values.sponsorId ?? null,
      ...overrideValues(input),
    });
    tx.delete(workstreamCsfFunctions).where(eq(workstreamCsfFunctions.workstreamId, id)).run();
    tx.insert(workstreamCsfFunctions)
      .values([...new Set(csfFunctions)].map((csfFunction) => ({ workstreamId: id, csfFunction })))
      .run();
    writeAudit(tx, ctx, {
      action: "workstream.update",
      entity: "workstream",
      entityId: id,
      before: { ...before, csfFunctions: csfBefore },
      after: { ...after, csfFunctions },
    });
    return after;
  });
}
