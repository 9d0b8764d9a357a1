import { and, desc, eq, ne, type SQL } from "drizzle-orm";
import type { ListParams, ListSpec, SortDir } from "~/lists/list-params";
import { countAll, ordered, orderFor, runPage } from "~/lists/page.server";
import { searchAny } from "~/lists/search.server";
import { byCodeLength, byCodeNumber } from "~/utils/code-order";
import type { Db } from "#db/connection";
import { actuals, actualTags, commitments, engagements, workstreams } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { updateVersioned } from "~/utils/concurrency.server";
import { getProgram } from "~/settings/settings.server";
import { spendDateError } from "./spend-range";
import type { SpendInput } from "./spend-schema";

export class SpendFieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const tableOf = (kind: SpendInput["kind"]) => (kind === "actual" ? actuals : commitments);

/** Creates or edits one commitment or actual (versioned, audited, tags replaced) in one transaction. */
export function saveSpend(db: Db, ctx: AuditContext, input: SpendInput): { id: number } {
  return db.transaction((tx) => {
    const outOfRange = spendDateError(input.date, getProgram(tx), input.kind);
    if (outOfRange) throw new SpendFieldError("date", outOfRange);
    const ws = tx.select({ id: workstreams.id }).from(workstreams).where(eq(workstreams.code, input.workstream)).get();
    if (!ws) throw new SpendFieldError("workstream", `No workstream with code ${input.workstream}.`);
    let engagementId: number | null = null;
    if (input.engagement) {
      const e = tx.select({ id: engagements.id }).from(engagements).where(eq(engagements.sowReference, input.engagement)).get();
      if (!e) throw new SpendFieldError("engagement", `No engagement with SOW reference ${input.engagement}.`);
      engagementId = e.id;
    }
    const table = tableOf(input.kind);
    const clash = tx
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.reference, input.reference), input.id ? ne(table.id, input.id) : undefined))
      .get();
    if (clash) throw new SpendFieldError("reference", `Another ${input.kind} already has reference ${input.reference}.`);
    const values = {
      reference: input.reference,
      date: input.date,
      amountCents: input.amount,
      workstreamId: ws.id,
      engagementId,
      category: input.category,
      costClass: input.costClass,
      description: input.description,
    };
    let id: number;
    if (input.id) {
      if (!input.version) throw new SpendFieldError("version", "The form is missing the row's version: reload the page.");
      const before = tx.select().from(table).where(eq(table.id, input.id)).get();
      const after = updateVersioned(tx, table, input.kind, input.id, input.version, values);
      id = after.id;
      writeAudit(tx, ctx, { action: `${input.kind}.update`, entity: input.kind, entityId: id, before, after });
    } else {
      const row = tx.insert(table).values(values).returning().get();
      id = row.id;
      writeAudit(tx, ctx, { action: `${input.kind}.create`, entity: input.kind, entityId: id, after: row });
    }
    if (input.kind === "actual") {
      tx.delete(actualTags).where(eq(actualTags.actualId, id)).run();
      if (input.tags.length)
        tx.insert(actualTags)
          .values(input.tags.map((tag) => ({ actualId: id, tag })))
          .run();
    }
    return { id };
  });
}

export const SPEND_SORTS = ["updated", "date", "reference", "workstream", "amount"] as const;
export type SpendSort = (typeof SPEND_SORTS)[number];
/** Two lists on one page: each keeps its own page, order and search under its prefix. */
export const SPEND_LISTS: Record<"actuals" | "commitments", ListSpec<SpendSort>> = {
  actuals: { sorts: SPEND_SORTS, defaultSort: "updated", defaultDir: "desc", prefix: "actuals-" },
  commitments: { sorts: SPEND_SORTS, defaultSort: "updated", defaultDir: "desc", prefix: "commitments-" },
};

/**
 * One page of actuals or commitments for the finance page, most recently
 * changed first by default: a count and the page over the same search.
 */
export function pageSpend(db: Pick<Db, "select">, kind: "actuals" | "commitments", params: ListParams<SpendSort>) {
  const table = kind === "actuals" ? actuals : commitments;
  const orders: Record<SpendSort, (dir: SortDir) => SQL[]> = {
    updated: (dir) => [ordered(table.updatedAt, dir)],
    date: (dir) => [ordered(table.date, dir)],
    reference: (dir) => byCodeLength(table.reference, dir),
    workstream: (dir) => byCodeNumber(workstreams.code, "WS-", dir),
    amount: (dir) => [ordered(table.amountCents, dir)],
  };
  const condition = searchAny(params.q, [table.reference, table.description]);
  return runPage(params, {
    count: () => db.select({ n: countAll }).from(table).where(condition).get()?.n ?? 0,
    rows: ({ limit, offset }) =>
      db
        .select({
          id: table.id,
          reference: table.reference,
          date: table.date,
          amountCents: table.amountCents,
          workstreamCode: workstreams.code,
          category: table.category,
        })
        .from(table)
        .innerJoin(workstreams, eq(workstreams.id, table.workstreamId))
        .where(condition)
        .orderBy(...orderFor(params, orders, desc(table.id)))
        .limit(limit)
        .offset(offset)
        .all(),
  });
}

export function spendForEdit(db: Pick<Db, "select">, kind: SpendInput["kind"], id: number) {
  const table = tableOf(kind);
  const row = db
    .select({
      id: table.id,
      version: table.version,
      reference: table.reference,
      date: table.date,
      amountCents: table.amountCents,
      workstream: workstreams.code,
      engagement: engagements.sowReference,
      category: table.category,
      costClass: table.costClass,
      description: table.description,
    })
    .from(table)
    .innerJoin(workstreams, eq(workstreams.id, table.workstreamId))
    .leftJoin(engagements, eq(engagements.id, table.engagementId))
    .where(eq(table.id, id))
    .get();
  if (!row) return null;
  const tags =
    kind === "actual"
      ? db
          .select({ tag: actualTags.tag })
          .from(actualTags)
          .where(eq(actualTags.actualId, id))
          .all()
          .map((t) => t.tag)
      : [];
  return { ...row, kind, tags };
}
