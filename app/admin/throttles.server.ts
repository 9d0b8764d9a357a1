import { desc, eq, gt, inArray, or, type SQL } from "drizzle-orm";
import type { Db } from "#db/connection";
import { throttles } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { passwordChangeThrottleKey } from "~/auth/account.server";
import { loginKeys } from "~/auth/login.server";
import { mfaThrottleKey } from "~/auth/mfa.server";

type Reader = Pick<Db, "select">;
type Writer = Pick<Db, "select" | "delete">;

/** What an administrator sees of a counter: never more than the key's own parts. */
export type ThrottleView = {
  key: string;
  scope: string;
  subject: string | null;
  address: string | null;
  failures: number;
  blockedUntil: string | null;
  lockedUntil: string | null;
  updatedAt: string;
};

const columns = {
  key: throttles.key,
  scope: throttles.scope,
  subject: throttles.subject,
  address: throttles.address,
  failures: throttles.failures,
  blockedUntil: throttles.blockedUntil,
  lockedUntil: throttles.lockedUntil,
  updatedAt: throttles.updatedAt,
};

// Counters written before scopes existed (or by callers that give none) are labelled from their key.
const withScope = (row: Omit<ThrottleView, "scope"> & { scope: string | null }): ThrottleView => ({ ...row, scope: row.scope ?? row.key.split(":")[0] ?? "" });

/** Counters that slow or lock something now, newest first (at most `limit`). */
export function listActiveThrottles(db: Reader, now = new Date(), limit = 100): ThrottleView[] {
  const iso = now.toISOString();
  return db
    .select(columns)
    .from(throttles)
    .where(or(gt(throttles.blockedUntil, iso), gt(throttles.lockedUntil, iso)))
    .orderBy(desc(throttles.updatedAt))
    .limit(limit)
    .all()
    .map(withScope);
}

function userCondition(user: { id: number; email: string }): SQL {
  const keys = [loginKeys(user.email, null).account, mfaThrottleKey(user.id), passwordChangeThrottleKey(user.id)];
  return or(eq(throttles.subject, user.email), inArray(throttles.key, keys))!;
}

/** Counters about one user (their sign-ins from any address, second factor, password change), newest first (at most `limit`). */
export function listUserThrottles(db: Reader, user: { id: number; email: string }, limit = 50): ThrottleView[] {
  return db.select(columns).from(throttles).where(userCondition(user)).orderBy(desc(throttles.updatedAt)).limit(limit).all().map(withScope);
}

/** Deletes a user's counters (inside the caller's transaction); returns how many there were. */
export function clearUserThrottles(tx: Writer, user: { id: number; email: string }): number {
  return tx.delete(throttles).where(userCondition(user)).run().changes;
}

export class ThrottleNotFound extends Error {}

/** An administrator lifts a user's delays and locks; audited with what was lifted. */
export function clearThrottlesOfUser(db: Db, user: { id: number; email: string }, ctx: AuditContext): number {
  return db.transaction((tx) => {
    const before = listUserThrottles(tx, user);
    if (before.length === 0) return 0;
    const cleared = clearUserThrottles(tx, user);
    writeAudit(tx, ctx, {
      action: "auth.throttles_cleared",
      entity: "user",
      entityId: user.id,
      // The newest counters name the addresses; the total says how many there were in all.
      before: { total: cleared, counters: before.map(({ key, failures, blockedUntil, lockedUntil }) => ({ key, failures, blockedUntil, lockedUntil })) },
      after: { cleared },
    });
    return cleared;
  });
}

/** An administrator lifts one counter (typically an address) from the users page; audited. */
export function clearThrottleKey(db: Db, key: string, ctx: AuditContext): ThrottleView {
  return db.transaction((tx) => {
    const row = tx.select(columns).from(throttles).where(eq(throttles.key, key)).get();
    if (!row) throw new ThrottleNotFound("That counter has already expired or been cleared.");
    tx.delete(throttles).where(eq(throttles.key, key)).run();
    const { updatedAt: _u, ...before } = row;
    writeAudit(tx, ctx, { action: "auth.throttle_cleared", entity: "throttle", entityId: key, before });
    return withScope(row);
  });
}
