import { eq } from "drizzle-orm";
import { throttles } from "#db/schema";
import { db } from "~/db.server";

/**
 * Failed-attempt throttling, stored in the database so a restart does not
 * reset an attacker's count. Each attempt after `delayAfter` failures is
 * slowed a little more; at `maxFailures` within the window the key is locked.
 */
export type ThrottlePolicy = { maxFailures: number; windowMs: number; lockMs: number; delayAfter: number };

const MINUTE = 60_000;
export const POLICIES = {
  loginAccount: { maxFailures: 10, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE, delayAfter: 3 },
  loginAddress: { maxFailures: 50, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE, delayAfter: 10 },
  setup: { maxFailures: 10, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE, delayAfter: 3 },
  invite: { maxFailures: 10, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE, delayAfter: 3 },
  mfa: { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE, delayAfter: 2 },
  passwordChange: { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE, delayAfter: 2 },
} satisfies Record<string, ThrottlePolicy>;

export class ThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts; try again in ${retryAfterSeconds} seconds.`);
  }
}

/** Throws ThrottledError when any key is locked. */
export function assertNotLocked(keys: string[], now = Date.now()) {
  for (const key of keys) {
    const row = db.select().from(throttles).where(eq(throttles.key, key)).get();
    if (row?.lockedUntil && Date.parse(row.lockedUntil) > now) {
      throw new ThrottledError(Math.ceil((Date.parse(row.lockedUntil) - now) / 1000));
    }
  }
}

/** Counts a failure; returns the delay (ms) to impose before answering. */
export function recordFailure(key: string, policy: ThrottlePolicy, now = Date.now()): number {
  const nowIso = new Date(now).toISOString();
  return db.transaction((tx) => {
    const row = tx.select().from(throttles).where(eq(throttles.key, key)).get();
    const fresh = !row || Date.parse(row.windowStartedAt) + policy.windowMs <= now;
    const failures = fresh ? 1 : row.failures + 1;
    const lockedUntil = failures >= policy.maxFailures ? new Date(now + policy.lockMs).toISOString() : null;
    const values = { failures, windowStartedAt: fresh ? nowIso : row.windowStartedAt, lockedUntil, updatedAt: nowIso };
    tx.insert(throttles)
      .values({ key, ...values })
      .onConflictDoUpdate({ target: throttles.key, set: values })
      .run();
    const over = failures - policy.delayAfter;
    return over > 0 ? Math.min(50 * 2 ** (over - 1), 1_000) : 0;
  });
}

export function clearThrottle(key: string) {
  db.delete(throttles).where(eq(throttles.key, key)).run();
}

export function tooManyRequests(error: ThrottledError): Response {
  return new Response(error.message, { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
