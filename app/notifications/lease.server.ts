import { and, eq, lt, or } from "drizzle-orm";
import type { Db } from "#db/connection";
import { schedulerLeases } from "#db/schema";

/**
 * Takes the named lease for `ms` if it is free, expired or already ours: the
 * database row is the lock, so of several server instances (or a server and
 * the CLI) only one runs the job at a time.
 */
export function acquireLease(db: Db, name: string, holder: string, ms: number, now: Date = new Date()): boolean {
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + ms).toISOString();
  return db.transaction((tx) => {
    tx.insert(schedulerLeases).values({ name, holder, leaseUntil: until }).onConflictDoNothing().run();
    const taken = tx
      .update(schedulerLeases)
      .set({ holder, leaseUntil: until })
      .where(and(eq(schedulerLeases.name, name), or(eq(schedulerLeases.holder, holder), lt(schedulerLeases.leaseUntil, nowIso))))
      .run();
    return taken.changes === 1;
  });
}

/** Gives the lease back (only if still ours) and records when the job last finished. */
export function releaseLease(db: Db, name: string, holder: string, now: Date = new Date()) {
  db.update(schedulerLeases)
    .set({ leaseUntil: now.toISOString(), lastRunAt: now.toISOString() })
    .where(and(eq(schedulerLeases.name, name), eq(schedulerLeases.holder, holder)))
    .run();
}

export function lastRunAt(db: Pick<Db, "select">, name: string): string | null {
  return db.select({ at: schedulerLeases.lastRunAt }).from(schedulerLeases).where(eq(schedulerLeases.name, name)).get()?.at ?? null;
}
