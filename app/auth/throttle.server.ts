import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { throttles } from "#db/schema";
import { db } from "~/db.server";

/**
 * Failed-attempt throttling (decision 009), stored in the database so a
 * restart does not reset an attacker's count. Each key has a budget of free
 * failures; every failure beyond it blocks the key for a delay that doubles,
 * up to a cap, answered with 429 and Retry-After rather than by holding the
 * connection. A counter starts afresh after `quietMs` without a failure, so
 * nothing is blocked forever. Only an account attacked from many addresses
 * is locked outright (`lock`), and its owner keeps a way in.
 */
export type ThrottlePolicy = {
  scope: string;
  free: number;
  firstDelayMs: number;
  maxDelayMs: number;
  quietMs: number;
  lock?: { failures: number; addresses: number; lockMs: number; addressScope: string };
};

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const POLICIES = {
  // One address guessing one account: a handful of typos are free, then 5 s, 10 s, 20 s … up to 15 minutes.
  loginPair: { scope: "login-pair", free: 5, firstDelayMs: 5 * SECOND, maxDelayMs: 15 * MINUTE, quietMs: HOUR },
  // One address spraying many accounts; generous, as an office may share one address.
  loginAddress: { scope: "login-address", free: 30, firstDelayMs: 2 * SECOND, maxDelayMs: 15 * MINUTE, quietMs: HOUR },
  // Never delayed (that would hand any stranger a way to slow the owner); locked only when many addresses fail.
  // Remembered for a day, so once locked every further counted failure renews the lock: one guess an hour at most.
  loginAccount: {
    scope: "login-account",
    free: Number.POSITIVE_INFINITY,
    firstDelayMs: 0,
    maxDelayMs: 0,
    quietMs: 24 * HOUR,
    lock: { failures: 20, addresses: 5, lockMs: HOUR, addressScope: "login-pair" },
  },
  setup: { scope: "setup", free: 5, firstDelayMs: 30 * SECOND, maxDelayMs: 15 * MINUTE, quietMs: HOUR },
  // Link guessing (invitations, password resets): 160-bit tokens make it hopeless; the budget only stops noise.
  invite: { scope: "invite-link", free: 9, firstDelayMs: 30 * SECOND, maxDelayMs: 15 * MINUTE, quietMs: HOUR },
  resetLink: { scope: "reset-link", free: 9, firstDelayMs: 30 * SECOND, maxDelayMs: 15 * MINUTE, quietMs: HOUR },
  // Only someone holding the password or a session reaches these, so the budget is small and the delay long.
  mfa: { scope: "mfa", free: 4, firstDelayMs: 15 * MINUTE, maxDelayMs: HOUR, quietMs: HOUR },
  passwordChange: { scope: "password-change", free: 4, firstDelayMs: 15 * MINUTE, maxDelayMs: HOUR, quietMs: HOUR },
} satisfies Record<string, ThrottlePolicy>;

/** `ownerMayPass`: the bucket's delay or lock does not stop the account's owner at a place they signed in from before. */
export type Bucket = { key: string; policy: ThrottlePolicy; subject?: string | null; address?: string | null; ownerMayPass?: boolean };

export class ThrottledError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    readonly reason: "slowed" | "locked" = "slowed",
  ) {
    super(
      reason === "locked"
        ? `This account is locked for now after failed sign-ins from many addresses. Try again in ${describeWait(retryAfterSeconds)}, sign in from a place you have used before, or ask an administrator for a password-reset link.`
        : `Too many attempts; try again in ${describeWait(retryAfterSeconds)}.`,
    );
  }
}

function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

const secondsUntil = (iso: string, now: number) => Math.max(1, Math.ceil((Date.parse(iso) - now) / 1000));

type Row = typeof throttles.$inferSelect;
type Tx = Pick<typeof db, "select" | "insert" | "update" | "delete">;

function readRow(tx: Tx, key: string): Row | undefined {
  return tx.select().from(throttles).where(eq(throttles.key, key)).get();
}

/** The refusal a row imposes now, if any. */
function refusal(row: Row | undefined, now: number): ThrottledError | null {
  if (!row) return null;
  if (row.lockedUntil && Date.parse(row.lockedUntil) > now) return new ThrottledError(secondsUntil(row.lockedUntil, now), "locked");
  if (row.blockedUntil && Date.parse(row.blockedUntil) > now) return new ThrottledError(secondsUntil(row.blockedUntil, now), "slowed");
  return null;
}

/** How long the key is blocked after its `failures`-th failure: nothing within the budget, then doubling up to the cap. */
export function delayAfter(policy: ThrottlePolicy, failures: number): number {
  const over = failures - policy.free;
  if (over <= 0) return 0;
  return Math.min(policy.firstDelayMs * 2 ** Math.min(over - 1, 30), policy.maxDelayMs);
}

function distinctAddresses(tx: Tx, subject: string, scope: string, since: string): number {
  return (
    tx
      .select({ n: sql<number>`count(*)` })
      .from(throttles)
      .where(and(eq(throttles.scope, scope), eq(throttles.subject, subject), gt(throttles.updatedAt, since)))
      .get()?.n ?? 0
  );
}

function countFailure(tx: Tx, bucket: Bucket, now: number): Row {
  const { key, policy } = bucket;
  const nowIso = new Date(now).toISOString();
  const row = readRow(tx, key);
  const fresh = !row || Date.parse(row.updatedAt) + policy.quietMs <= now;
  const failures = fresh ? 1 : row.failures + 1;
  const delay = delayAfter(policy, failures);
  let lockedUntil = fresh ? null : row.lockedUntil;
  if (policy.lock && bucket.subject && failures >= policy.lock.failures) {
    const since = new Date(now - policy.quietMs).toISOString();
    if (distinctAddresses(tx, bucket.subject, policy.lock.addressScope, since) >= policy.lock.addresses) {
      lockedUntil = new Date(now + policy.lock.lockMs).toISOString();
    }
  }
  const values = {
    scope: policy.scope,
    subject: bucket.subject ?? null,
    address: bucket.address ?? null,
    failures,
    windowStartedAt: fresh ? nowIso : row.windowStartedAt,
    blockedUntil: delay > 0 ? new Date(now + delay).toISOString() : null,
    lockedUntil,
    updatedAt: nowIso,
  };
  return tx
    .insert(throttles)
    .values({ key, ...values })
    .onConflictDoUpdate({ target: throttles.key, set: values })
    .returning()
    .get();
}

// Counters idle for a day hold nothing a policy still uses (every delay and lock is shorter).
function pruneStale(tx: Tx, now: number) {
  const dayAgo = new Date(now - 24 * HOUR).toISOString();
  tx.delete(throttles)
    .where(and(lt(throttles.updatedAt, dayAgo), or(isNull(throttles.lockedUntil), lt(throttles.lockedUntil, new Date(now).toISOString()))))
    .run();
}

/**
 * Checks every bucket and, when none refuses, counts the attempt as a
 * failure in all of them before the caller verifies anything: of a burst of
 * parallel guesses, only those within the budget get through. A success is
 * then handed back with `refundAttempt`. `isOwnersPlace` is asked only when
 * an `ownerMayPass` bucket refuses (is this the owner at a known address?).
 */
export function chargeAttempt(buckets: Bucket[], options: { isOwnersPlace?: () => boolean } = {}, now = Date.now()) {
  db.transaction((tx) => {
    let ownersPlace: boolean | undefined;
    for (const bucket of buckets) {
      const problem = refusal(readRow(tx, bucket.key), now);
      if (!problem) continue;
      if (bucket.ownerMayPass && (ownersPlace ??= options.isOwnersPlace?.() ?? false)) continue;
      throw problem;
    }
    for (const bucket of buckets) countFailure(tx, bucket, now);
    pruneStale(tx, now);
  });
}

/** Undoes a charged attempt that succeeded: `forget` keys are cleared, the others lose one failure. */
export function refundAttempt(buckets: Bucket[], forget: Bucket[] = []) {
  db.transaction((tx) => {
    for (const { key } of forget) tx.delete(throttles).where(eq(throttles.key, key)).run();
    for (const { key, policy } of buckets) {
      if (forget.some((f) => f.key === key)) continue;
      const row = readRow(tx, key);
      if (!row) continue;
      const failures = Math.max(row.failures - 1, 0);
      const blockedUntil = delayAfter(policy, failures) > 0 ? row.blockedUntil : null;
      tx.update(throttles).set({ failures, blockedUntil }).where(eq(throttles.key, key)).run();
    }
  });
}

/** Throws ThrottledError when any key is blocked or locked. */
export function assertNotLocked(keys: string[], now = Date.now()) {
  for (const key of keys) {
    const problem = refusal(readRow(db, key), now);
    if (problem) throw problem;
  }
}

/**
 * Counts a failure after the fact (for checks that cannot race, or whose
 * callers verify first). Returns a short pause (ms, at most a second) for the
 * caller to add before answering, which blunts a burst already in flight;
 * the real slowing is the block that the next attempt meets.
 */
export function recordFailure(
  key: string,
  policy: ThrottlePolicy,
  now = Date.now(),
  labels: { subject?: string | null; address?: string | null } = {},
): number {
  const row = db.transaction((tx) => {
    const counted = countFailure(tx, { key, policy, ...labels }, now);
    pruneStale(tx, now);
    return counted;
  });
  const over = row.failures - policy.free;
  return over > 0 ? Math.min(50 * 2 ** Math.min(over - 1, 10), 1_000) : 0;
}

export function clearThrottle(key: string) {
  db.delete(throttles).where(eq(throttles.key, key)).run();
}

export function tooManyRequests(error: ThrottledError): Response {
  return new Response(error.message, { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds), "Cache-Control": "no-store" } });
}

export const retryAfterHeaders = (error: ThrottledError) => ({ "Retry-After": String(error.retryAfterSeconds), "Cache-Control": "no-store" });

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
