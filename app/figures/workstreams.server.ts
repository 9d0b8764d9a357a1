import { and, asc, eq, gt, isNotNull, sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { workstreamHistory, workstreams } from "#db/schema";
import type { LifecycleStatus, Rag } from "#db/schema/enums";
import { asOfInstant } from "~/history/as-of.server";
import { inForceAt } from "~/history/versions.server";

type Reader = Pick<Db, "select">;

export type WorkstreamAsOf = {
  id: number;
  code: string;
  name: string;
  lifecycleStatus: LifecycleStatus;
  ownerId: number | null;
  /** The manual RAG override in force at the end of D (set by then, not yet expired on D), or null. */
  override: { rag: Rag; reason: string; expiresOn: string } | null;
};

/**
 * Workstreams as they stood at the end of D (docs/figures.md): lifecycle,
 * owner and manual override from workstream_history. A workstream created
 * after D does not exist as of D. An override counts from the instant it was
 * set until its expiry day has passed.
 */
export function workstreamsAsOf(db: Reader, asOf: string, workstreamId?: number): WorkstreamAsOf[] {
  const h = workstreamHistory;
  const rows = db
    .select({
      id: workstreams.id,
      code: workstreams.code,
      name: workstreams.name,
      lifecycleStatus: h.lifecycleStatus,
      ownerId: h.ownerId,
      ragOverride: h.ragOverride,
      ragOverrideReason: h.ragOverrideReason,
      ragOverrideExpiresOn: h.ragOverrideExpiresOn,
    })
    .from(h)
    .innerJoin(workstreams, eq(workstreams.id, h.workstreamId))
    .where(and(inForceAt(h, asOfInstant(db, asOf)), workstreamId === undefined ? undefined : eq(h.workstreamId, workstreamId)))
    .orderBy(asc(workstreams.code))
    .all();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    lifecycleStatus: r.lifecycleStatus,
    ownerId: r.ownerId,
    override:
      r.ragOverride && r.ragOverrideReason && r.ragOverrideExpiresOn && r.ragOverrideExpiresOn >= asOf
        ? { rag: r.ragOverride, reason: r.ragOverrideReason, expiresOn: r.ragOverrideExpiresOn }
        : null,
  }));
}

/** How many workstreams had a manual override in force at the end of D (one aggregate). */
export function overridesInForce(db: Reader, asOf: string): number {
  const h = workstreamHistory;
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(h)
    .where(and(inForceAt(h, asOfInstant(db, asOf)), isNotNull(h.ragOverride), gt(h.ragOverrideExpiresOn, sql`${asOf}`)))
    .get();
  return Number(row?.n ?? 0);
}
