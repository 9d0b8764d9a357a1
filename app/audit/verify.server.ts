import { asc, gt } from "drizzle-orm";
import type { Db } from "#db/connection";
import { auditEvents } from "#db/schema";
import { GENESIS_HASH, hashAuditEvent } from "./log.server";

export type ChainVerdict = { ok: true; count: number } | { ok: false; count: number; brokenId: number; reason: string };

/** Walks the whole chain in id order, recomputing each hash and its link to the previous one. */
export function verifyAuditChain(db: Pick<Db, "select">): ChainVerdict {
  let prev = GENESIS_HASH;
  let count = 0;
  let lastId = 0;
  // In pages, so a long trail never sits in memory at once.
  for (;;) {
    const page = db.select().from(auditEvents).where(gt(auditEvents.id, lastId)).orderBy(asc(auditEvents.id)).limit(1000).all();
    if (page.length === 0) break;
    for (const e of page) {
      count++;
      lastId = e.id;
      if (e.prevHash !== prev)
        return { ok: false, count, brokenId: e.id, reason: "its previous-hash link does not match the event before it (an event was removed or reordered)" };
      const { id: _id, hash, ...fields } = e;
      if (hashAuditEvent(fields) !== hash) return { ok: false, count, brokenId: e.id, reason: "its content does not match its hash (the event was altered)" };
      prev = hash;
    }
  }
  return { ok: true, count };
}
