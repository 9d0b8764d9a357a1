import { and, eq, gt } from "drizzle-orm";
import { auditEvents, users } from "#db/schema";
import { writeAudit, type AuditContext } from "~/audit/log.server";
import { db } from "~/db.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";
import { type Bucket, chargeAttempt, POLICIES, refundAttempt } from "./throttle.server";

export const LOGIN_FAILED_MESSAGE = "That email and password do not match an active account.";

/** A place the owner signed in from within this long counts as theirs (decision 009). */
export const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60 * 1000;

export const loginKeys = (email: string, ip: string | null) => ({
  pair: `login:pair:${email}:${ip ?? "unknown"}`,
  account: `login:account:${email}`,
  address: `login:address:${ip ?? "unknown"}`,
});

export function loginBuckets(email: string, ip: string | null): { pair: Bucket; address: Bucket; account: Bucket } {
  const keys = loginKeys(email, ip);
  const address = ip ?? "unknown";
  return {
    pair: { key: keys.pair, policy: POLICIES.loginPair, subject: email, address },
    address: { key: keys.address, policy: POLICIES.loginAddress, address, ownerMayPass: true },
    account: { key: keys.account, policy: POLICIES.loginAccount, subject: email, ownerMayPass: true },
  };
}

/** Whether the user completed a sign-in from this address recently (audited with the address the server saw). */
export function isKnownAddress(userId: number, ip: string | null, now = Date.now()): boolean {
  if (!ip) return false;
  const since = new Date(now - KNOWN_ADDRESS_MS).toISOString();
  const hit = db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entity, "user"),
        eq(auditEvents.entityId, String(userId)),
        eq(auditEvents.action, "auth.login"),
        eq(auditEvents.ip, ip),
        gt(auditEvents.at, since),
      ),
    )
    .limit(1)
    .get();
  return hit !== undefined;
}

/**
 * Checks a password log-in. Unknown email, wrong password and inactive
 * account take the same path (one argon2 verification each) and get the
 * same answer, so neither the message nor the timing tells them apart.
 * The attempt is counted before the password is checked (see chargeAttempt)
 * and handed back on success. Throws ThrottledError while slowed or locked.
 */
export async function attemptLogin(email: string, password: string, ctx: AuditContext) {
  const ip = ctx.ip ?? null;
  const buckets = loginBuckets(email, ip);
  const user = db.select().from(users).where(eq(users.email, email)).get();
  chargeAttempt([buckets.pair, buckets.address, buckets.account], { isOwnersPlace: () => (user ? isKnownAddress(user.id, ip) : false) });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !user.passwordHash || !user.active || !ok) {
    writeAudit(db, ctx, { action: "auth.login_failed", entity: "user", entityId: user?.id ?? null, after: { email } });
    return null;
  }
  // The owner's success wipes their own address's count, not the evidence of an attack from elsewhere.
  refundAttempt([buckets.pair, buckets.address, buckets.account], [buckets.pair]);
  return user;
}
