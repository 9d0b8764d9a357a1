import { and, asc, gt, lte } from "drizzle-orm";
import type { Db } from "#db/connection";
import { auditEvents } from "#db/schema";
import { GENESIS_HASH, hashAuditEvent } from "./log.server";

export type ChainVerdict = { ok: true; count: number } | { ok: false; count: number; brokenId: number; reason: string };

export const REASON_UNLINKED = "its previous-hash link does not match the event before it (an event was removed or reordered)";
export const REASON_ALTERED = "its content does not match its hash (the event was altered)";

type AuditEventRow = typeof auditEvents.$inferSelect;

/** Why one event fails verification given the hash of the event before it, or null when it is intact. */
export function eventFault(e: AuditEventRow, prevHash: string): string | null {
  if (e.prevHash !== prevHash) return REASON_UNLINKED;
  const { id: _id, hash, ...fields } = e;
  return hashAuditEvent(fields) === hash ? null : REASON_ALTERED;
}

/** Where a walk along the chain starts: after this event, whose hash the next event must carry. */
export type ChainPosition = { afterId: number; hash: string };
export const CHAIN_START: ChainPosition = { afterId: 0, hash: GENESIS_HASH };

export type SegmentResult =
  | { ok: true; verified: number; position: ChainPosition; complete: boolean }
  | { ok: false; verified: number; brokenId: number; reason: string; position: ChainPosition };

/**
 * Verifies at most `limit` events after `from` (and up to `upTo` when given),
 * one page of ids. The building block of the full walk and the incremental one.
 */
export function verifySegment(db: Pick<Db, "select">, from: ChainPosition, limit: number, upTo?: number): SegmentResult {
  const page = db
    .select()
    .from(auditEvents)
    .where(and(gt(auditEvents.id, from.afterId), upTo === undefined ? undefined : lte(auditEvents.id, upTo)))
    .orderBy(asc(auditEvents.id))
    .limit(limit)
    .all();
  let position = from;
  let verified = 0;
  for (const e of page) {
    const fault = eventFault(e, position.hash);
    if (fault) return { ok: false, verified, brokenId: e.id, reason: fault, position };
    verified++;
    position = { afterId: e.id, hash: e.hash };
  }
  return { ok: true, verified, position, complete: page.length < limit };
}

const PAGE = 1000;

/** Walks the whole chain in id order, recomputing each hash and its link to the previous one. */
export function verifyAuditChain(db: Pick<Db, "select">): ChainVerdict {
  return verifyWholeChain(db).verdict;
}

/** The full walk, with the position it reached (the last event), for recording a checkpoint. */
export function verifyWholeChain(db: Pick<Db, "select">): { verdict: ChainVerdict; position: ChainPosition } {
  let position = CHAIN_START;
  let count = 0;
  // In pages, so a long trail never sits in memory at once.
  for (;;) {
    const step = verifySegment(db, position, PAGE);
    if (!step.ok) return { verdict: { ok: false, count: count + step.verified + 1, brokenId: step.brokenId, reason: step.reason }, position: step.position };
    count += step.verified;
    position = step.position;
    if (step.complete) return { verdict: { ok: true, count }, position };
  }
}
