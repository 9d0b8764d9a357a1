import { isoDate } from "~/utils/iso-date";
import { programmeTimeZone } from "~/time/today.server";
import { endOfDay, startOfDayMs } from "~/time/zone";
import { and, asc, desc, eq, gt, gte, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Db } from "#db/connection";
import { auditEvents, users } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import type { CsvColumn } from "~/utils/csv.server";
import { countByIdWindows, idRangeOf, idWindowBatches, type IdRange } from "~/exports/id-windows.server";
import { csvStream } from "~/exports/stream-csv.server";
import { compactDiff } from "./audit-diff";
import { parseQueryParams, type QueryProblem } from "~/utils/query";
import { SearchSchema } from "~/lists/list-params";
import { searchAny } from "~/lists/search.server";

export const AUDIT_PAGE_SIZE = 50;

const EventId = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, "use an event number")
  .transform(Number);
const IsoDate = isoDate("Date", "use a date like 2026-01-31");

const AuditFilterShape = {
  action: z
    .string()
    .max(64, "use at most 64 characters")
    .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, "use an action name such as user.role_change"),
  entity: z
    .string()
    .max(40, "use at most 40 characters")
    .regex(/^[a-z][a-z0-9_]*$/, "use an entity name such as user"),
  entityId: z
    .string()
    .trim()
    .max(64, "use at most 64 characters")
    .regex(/^[\w.:@-]+$/, "use letters, digits and . : @ _ - only"),
  // "system" is an event without a signed-in actor: the CLI, a failed sign-in.
  actor: z
    .string()
    .regex(/^(system|[1-9]\d{0,15})$/, "use a user number or system")
    .transform((v) => (v === "system" ? ("system" as const) : Number(v))),
  from: IsoDate,
  to: IsoDate,
  // The list's search (app/lists): a filter like the others, so the CSV export holds what the page found.
  q: SearchSchema,
};
const AuditCursorShape = { before: EventId, after: EventId };

export type AuditFilter = { action?: string; entity?: string; entityId?: string; actor?: number | "system"; from?: string; to?: string; q?: string };
export type AuditCursor = { before?: number; after?: number };

/** The filter and page of an audit URL; each bad parameter is reported and left out. */
export function parseAuditQuery(params: URLSearchParams): { filter: AuditFilter; cursor: AuditCursor; problems: QueryProblem[] } {
  const { values: filter, problems } = parseQueryParams(AuditFilterShape, params);
  const { values: cursor, problems: cursorProblems } = parseQueryParams(AuditCursorShape, params);
  problems.push(...cursorProblems);
  if (filter.from && filter.to && filter.from > filter.to) {
    problems.push({ param: "to", value: filter.to, message: `is before from (${filter.from})` });
    delete filter.to;
  }
  if (cursor.before && cursor.after) {
    problems.push({ param: "after", value: String(cursor.after), message: "cannot be combined with before" });
    delete cursor.after;
  }
  return { filter, cursor, problems };
}

// Dates are days in the programme's time zone; `to` is inclusive. `at` is UTC ISO text, so text comparison orders it.
function filterConditions(filter: AuditFilter, timeZone: string): SQL[] {
  const conditions: SQL[] = [];
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
  if (filter.entity) conditions.push(eq(auditEvents.entity, filter.entity));
  if (filter.entityId) conditions.push(eq(auditEvents.entityId, filter.entityId));
  if (filter.actor === "system") conditions.push(isNull(auditEvents.actorId));
  else if (filter.actor) conditions.push(eq(auditEvents.actorId, filter.actor));
  if (filter.from) conditions.push(gte(auditEvents.at, new Date(startOfDayMs(filter.from, timeZone)).toISOString()));
  if (filter.to) conditions.push(lt(auditEvents.at, endOfDay(filter.to, timeZone)));
  // Action, entity and entity id: what an administrator remembers of an event. Before/after bodies are left out: scanning a
  // million JSON documents per keystroke is not a search box's job (the CSV export is).
  const search = filter.q ? searchAny(filter.q, [auditEvents.action, auditEvents.entity, auditEvents.entityId]) : undefined;
  if (search) conditions.push(search);
  return conditions;
}

const actor = alias(users, "actor");
const eventColumns = {
  id: auditEvents.id,
  at: auditEvents.at,
  actorId: auditEvents.actorId,
  actorName: actor.name,
  actorEmail: actor.email,
  action: auditEvents.action,
  entity: auditEvents.entity,
  entityId: auditEvents.entityId,
  before: auditEvents.before,
  after: auditEvents.after,
  ip: auditEvents.ip,
  requestId: auditEvents.requestId,
};

function selectEvents(db: Pick<Db, "select">) {
  return db.select(eventColumns).from(auditEvents).leftJoin(actor, eq(actor.id, auditEvents.actorId));
}

function countEvents(db: Pick<Db, "select">, conditions: SQL[]): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(auditEvents)
      .where(and(...conditions))
      .get()?.n ?? 0
  );
}

function anyEvent(db: Pick<Db, "select">, conditions: SQL[]): boolean {
  return Boolean(
    db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(...conditions))
      .limit(1)
      .get(),
  );
}

/**
 * One page of events, newest first, by keyset on the id (the chain's
 * order): `before` pages to older events, `after` back to newer ones.
 */
export function listAuditEvents(db: Pick<Db, "select">, filter: AuditFilter, cursor: AuditCursor = {}, pageSize = AUDIT_PAGE_SIZE) {
  const conditions = filterConditions(filter, programmeTimeZone(db));
  const rows = cursor.after
    ? selectEvents(db)
        .where(and(...conditions, gt(auditEvents.id, cursor.after)))
        .orderBy(asc(auditEvents.id))
        .limit(pageSize)
        .all()
        .reverse()
    : selectEvents(db)
        .where(and(...conditions, cursor.before ? lt(auditEvents.id, cursor.before) : undefined))
        .orderBy(desc(auditEvents.id))
        .limit(pageSize)
        .all();
  const newest = rows[0]?.id;
  const oldest = rows.at(-1)?.id;
  // Where this page sits in the whole filtered trail, for "51–100 of 120": the events newer than its first one.
  const newer = newest === undefined ? 0 : countEvents(db, [...conditions, gt(auditEvents.id, newest)]);
  return {
    total: countEvents(db, conditions),
    first: rows.length ? newer + 1 : 0,
    last: newer + rows.length,
    hasNewer: newer > 0,
    hasOlder: oldest !== undefined && anyEvent(db, [...conditions, lt(auditEvents.id, oldest)]),
    events: rows.map(({ before, after, ...event }) => ({ ...event, diff: compactDiff(before, after) })),
  };
}

export type AuditListEvent = ReturnType<typeof listAuditEvents>["events"][number];

/** The values the filter's drop-downs offer: actions and entities that occur, and every user. */
export function auditFilterOptions(db: Pick<Db, "select" | "selectDistinct">) {
  return {
    actions: db
      .selectDistinct({ v: auditEvents.action })
      .from(auditEvents)
      .orderBy(asc(auditEvents.action))
      .all()
      .map((r) => r.v),
    entities: db
      .selectDistinct({ v: auditEvents.entity })
      .from(auditEvents)
      .orderBy(asc(auditEvents.entity))
      .all()
      .map((r) => r.v),
    actors: db.select({ id: users.id, name: users.name, email: users.email }).from(users).orderBy(asc(users.name), asc(users.id)).all(),
  };
}

type ExportRow = ReturnType<ReturnType<typeof selectEvents>["all"]>[number];
const CSV_COLUMNS: CsvColumn<ExportRow>[] = [
  { header: "id", value: (e) => e.id },
  { header: "at", value: (e) => e.at },
  { header: "actor_id", value: (e) => e.actorId },
  { header: "actor_email", value: (e) => e.actorEmail },
  { header: "actor_name", value: (e) => e.actorName },
  { header: "action", value: (e) => e.action },
  { header: "entity", value: (e) => e.entity },
  { header: "entity_id", value: (e) => e.entityId },
  { header: "before", value: (e) => e.before },
  { header: "after", value: (e) => e.after },
  { header: "ip", value: (e) => e.ip },
  { header: "request_id", value: (e) => e.requestId },
];

/**
 * Every event matching the filter as a streamed CSV, newest first. The
 * export is bounded by the newest event when it starts; the trail is
 * append-only, so the events up to that one are counted first and the
 * `audit.export` event recording who took it (with that row count) is
 * written before the file streams: the recorded count is the exported one.
 * Counting and reading both go by windows of event ids
 * (app/exports/id-windows.server.ts), yielding between windows, so neither
 * a million events nor a search that matches few of them holds the event
 * loop.
 */
export async function exportAuditCsv(
  db: Db,
  filter: AuditFilter,
  ctx: AuditContext,
  signal?: AbortSignal,
): Promise<{ csv: ReadableStream<Uint8Array>; rows: number }> {
  const conditions = filterConditions(filter, programmeTimeZone(db));
  const range = idRangeOf(db, auditEvents, auditEvents.id);
  const within = (w: IdRange) => [...conditions, gte(auditEvents.id, w.low), lte(auditEvents.id, w.high)];
  const rows = await countByIdWindows(range, (w) => countEvents(db, within(w)), signal);
  db.transaction((tx) => writeAudit(tx, ctx, { action: "audit.export", entity: "audit_event", after: { filter, rows } }));
  const batches = idWindowBatches<ExportRow>(range, "desc", (w, limit) =>
    selectEvents(db)
      .where(and(...within(w)))
      .orderBy(desc(auditEvents.id))
      .limit(limit)
      .all(),
  );
  return { csv: csvStream(CSV_COLUMNS, batches, { signal }), rows };
}

/** Query string for a filter (and optional cursor), for links and the CSV export. */
export function auditQueryString(filter: AuditFilter, cursor: AuditCursor = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...cursor })) if (v !== undefined && v !== "") params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : "";
}
