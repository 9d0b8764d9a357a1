import { eq } from "drizzle-orm";
import { users } from "#db/schema";
import { writeAudit, type AuditContext } from "~/audit/log.server";
import { db } from "~/db.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";
import { assertNotLocked, clearThrottle, POLICIES, recordFailure, sleep } from "./throttle.server";

export const LOGIN_FAILED_MESSAGE = "That email and password do not match an active account.";

export const loginKeys = (email: string, ip: string | null) => ({
  account: `login:account:${email}`,
  address: `login:address:${ip ?? "unknown"}`,
});

/**
 * Checks a password log-in. Unknown email, wrong password and inactive
 * account take the same path (one argon2 verification each) and get the
 * same answer, so neither the message nor the timing tells them apart.
 * Throws ThrottledError while the account or address is locked.
 */
export async function attemptLogin(email: string, password: string, ctx: AuditContext) {
  const keys = loginKeys(email, ctx.ip ?? null);
  assertNotLocked([keys.account, keys.address]);
  const user = db.select().from(users).where(eq(users.email, email)).get();
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !user.passwordHash || !user.active || !ok) {
    const delay = Math.max(recordFailure(keys.account, POLICIES.loginAccount), recordFailure(keys.address, POLICIES.loginAddress));
    writeAudit(db, ctx, { action: "auth.login_failed", entity: "user", entityId: user?.id ?? null, after: { email } });
    await sleep(delay);
    return null;
  }
  clearThrottle(keys.account);
  return user;
}
