import { count, eq, gt } from "drizzle-orm";
import type { Db } from "#db/connection";
import { auditCheckpoints, auditEvents } from "#db/schema";
import { yieldToEventLoop } from "~/exports/batches.server";
import { CHAIN_START, type ChainPosition, type ChainVerdict, eventFault, verifySegment, verifyWholeChain } from "./verify.server";

const CHECKPOINT_ID = 1;
/**
 * Events hashed per step. The whole 1,000,000-event trail took 19–29 s
 * (issue 12), about 25 µs an event: 500 is some 12 ms, leaving room inside
 * the ~100 ms a step may hold the event loop on a busy machine.
 */
export const VERIFY_BATCH = 500;

export type Checkpoint = typeof auditCheckpoints.$inferSelect;

/** What the audit page shows: the verdict as of the checkpoint, and how far behind the trail it is. */
export type ChainStatus = {
  verdict: ChainVerdict;
  verifiedThroughId: number;
  verifiedAt: string | null;
  /** Events written after the checkpoint and not yet verified. */
  pending: number;
};

export function readCheckpoint(db: Pick<Db, "select">): Checkpoint | undefined {
  return db.select().from(auditCheckpoints).where(eq(auditCheckpoints.id, CHECKPOINT_ID)).get();
}

function verdictOf(cp: Checkpoint | undefined): ChainVerdict {
  if (cp?.brokenEventId != null) return { ok: false, count: cp.eventCount + 1, brokenId: cp.brokenEventId, reason: cp.brokenReason ?? "" };
  return { ok: true, count: cp?.eventCount ?? 0 };
}

/** Moves the checkpoint forward (never back: two page views may verify at once) or records a break. */
function saveProgress(db: Pick<Db, "transaction">, position: ChainPosition, eventCount: number, broken?: { id: number; reason: string }) {
  const now = new Date().toISOString();
  db.transaction((tx) => {
    const current = readCheckpoint(tx);
    if (current?.brokenEventId != null) return;
    if (current && current.lastEventId > position.afterId && !broken) return;
    const row = {
      lastEventId: position.afterId,
      lastHash: position.hash,
      eventCount,
      verifiedAt: now,
      brokenEventId: broken?.id ?? null,
      brokenReason: broken?.reason ?? null,
      brokenAt: broken ? now : null,
    };
    tx.insert(auditCheckpoints)
      .values({ id: CHECKPOINT_ID, ...row })
      .onConflictDoUpdate({ target: auditCheckpoints.id, set: row })
      .run();
  });
}

/**
 * The checkpoint's own event must still be there with the hash it had when
 * verified: otherwise the next event's link would be checked against a hash
 * that no longer describes the trail. Cheap (one row), and it catches a
 * rewrite of the very event the checkpoint stands on.
 */
function anchorFault(db: Pick<Db, "select">, cp: Checkpoint): { id: number; reason: string } | null {
  if (cp.lastEventId === 0) return null;
  const e = db.select().from(auditEvents).where(eq(auditEvents.id, cp.lastEventId)).get();
  if (!e) return { id: cp.lastEventId, reason: "the last verified event is missing (events were removed)" };
  if (e.hash !== cp.lastHash) return { id: e.id, reason: "the last verified event's hash has changed since it was verified (the event was altered)" };
  const { id: _id, hash, ...fields } = e;
  const fault = eventFault({ id: e.id, hash, ...fields }, e.prevHash);
  return fault ? { id: e.id, reason: fault } : null;
}

/**
 * Continues verification from the checkpoint: at most `maxEvents` events, in
 * batches of `batch`, yielding to the event loop between batches, saving the
 * checkpoint after each. Events before the checkpoint are not re-read (a full
 * `audit:verify` does that); an event after it that was altered, removed or
 * reordered is found here and recorded as the break.
 */
export async function verifyFromCheckpoint(db: Db, options: { maxEvents?: number; batch?: number } = {}): Promise<ChainStatus> {
  const batch = options.batch ?? VERIFY_BATCH;
  let budget = options.maxEvents ?? Number.POSITIVE_INFINITY;
  let cp = readCheckpoint(db);
  if (cp && cp.brokenEventId == null) {
    const fault = anchorFault(db, cp);
    if (fault) saveProgress(db, { afterId: cp.lastEventId, hash: cp.lastHash }, cp.eventCount, fault);
  }
  cp = readCheckpoint(db);
  while (cp?.brokenEventId == null && budget > 0) {
    const from = cp ? { afterId: cp.lastEventId, hash: cp.lastHash } : CHAIN_START;
    const done = cp?.eventCount ?? 0;
    const step = verifySegment(db, from, Math.min(batch, budget));
    if (!step.ok) {
      saveProgress(db, step.position, done + step.verified, { id: step.brokenId, reason: step.reason });
    } else {
      if (step.verified) saveProgress(db, step.position, done + step.verified);
      budget -= step.verified;
      if (step.complete) break;
    }
    cp = readCheckpoint(db);
    await yieldToEventLoop();
  }
  return chainStatus(db);
}

/** The verdict stored at the checkpoint and how many events wait after it; reads, never verifies. */
export function chainStatus(db: Pick<Db, "select">): ChainStatus {
  const cp = readCheckpoint(db);
  const verifiedThroughId = cp?.lastEventId ?? 0;
  const pending = cp?.brokenEventId != null ? 0 : (db.select({ n: count() }).from(auditEvents).where(gt(auditEvents.id, verifiedThroughId)).get()?.n ?? 0);
  return { verdict: verdictOf(cp), verifiedThroughId, verifiedAt: cp?.verifiedAt ?? null, pending };
}

/**
 * `audit:verify`: the whole chain from the first event, whatever the
 * checkpoint says. Its verdict replaces the checkpoint: a pass moves it to
 * the last event and clears an earlier break (after a restore, say); a
 * failure is recorded so the audit page shows it.
 */
export function verifyAllAndRecord(db: Db): ChainVerdict {
  const { verdict, position } = verifyWholeChain(db);
  const now = new Date().toISOString();
  const row = verdict.ok
    ? {
        lastEventId: position.afterId,
        lastHash: position.hash,
        eventCount: verdict.count,
        verifiedAt: now,
        brokenEventId: null,
        brokenReason: null,
        brokenAt: null,
      }
    : {
        lastEventId: position.afterId,
        lastHash: position.hash,
        eventCount: verdict.count - 1,
        verifiedAt: now,
        brokenEventId: verdict.brokenId,
        brokenReason: verdict.reason,
        brokenAt: now,
      };
  db.insert(auditCheckpoints)
    .values({ id: CHECKPOINT_ID, ...row })
    .onConflictDoUpdate({ target: auditCheckpoints.id, set: row })
    .run();
  return verdict;
}

let background: Promise<unknown> | null = null;

/** The server's background thread walks the chain itself (server/background-thread.ts), off the request thread. */
const walkedElsewhere = () => process.env.RAMPART_AUDIT_VERIFIER === "background";

/**
 * The chain's status for the audit page. Where the server's background
 * thread walks the chain, the page only reads where it has got to: hashing
 * even a bounded 5,000 events per view held the request thread for about a
 * quarter of a second while a fresh 1,000,000-event trail was being walked
 * (issue 12). Elsewhere (tests, a server without the thread) the view
 * verifies up to `perView` events and leaves the rest to `continueInBackground`.
 */
export async function chainStatusForView(db: Db, perView: number): Promise<ChainStatus> {
  if (walkedElsewhere()) return chainStatus(db);
  const status = await verifyFromCheckpoint(db, { maxEvents: perView });
  if (status.pending > 0) continueInBackground(db);
  return status;
}

/**
 * Catches the checkpoint up with the trail after a page view left events
 * unverified (a large import, the first view of a big trail): one walk at a
 * time per process, a batch per turn of the event loop, so other requests
 * keep being served while it runs.
 */
export function continueInBackground(db: Db): void {
  if (background || walkedElsewhere()) return;
  background = verifyFromCheckpoint(db)
    .catch((error: unknown) => console.error("Audit verification in the background failed:", error))
    .finally(() => {
      background = null;
    });
}
