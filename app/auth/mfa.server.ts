import { and, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Tx } from "#db/connection";
import { users } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { db } from "~/db.server";
import { verifyPassword } from "./password.server";
import {
  consumeRecoveryCode,
  deleteRecoveryCodes,
  hashRecoveryCode,
  looksLikeRecoveryCode,
  normalizeRecoveryCode,
  replaceRecoveryCodes,
  unusedRecoveryCodeCount,
} from "./recovery-codes.server";
import { revokeAllCredentials } from "./credentials.server";
import { openSecret, sealSecret } from "./secret-box.server";
import { getKeyring } from "./secret-keys.server";
import { mfaSecretBinding } from "./secrets-at-rest.server";
import { assertNotLocked, clearThrottle, POLICIES, recordFailure, sleep } from "./throttle.server";
import { generateTotpSecret, matchTotpStep, normalizeTotpCode } from "./totp.server";

/** One counter per user for every second-factor guess: at log-in and when re-authenticating on the MFA page. */
export const mfaThrottleKey = (userId: number) => `mfa:user:${userId}`;

export type SecondFactorMethod = "totp" | "recovery_code";
/** A code that checked out but is not yet spent; claimSecondFactor spends it. */
export type SecondFactorMatch = { method: "totp"; step: number } | { method: "recovery_code"; codeHash: string };

// The secret is read here and in the enrolment loader only; it never leaves the server once MFA is on.
// It is stored sealed (secret-box.server.ts): `sealed` is the stored value, `secret` the opened seed.
function mfaRow(userId: number) {
  const row = db.select({ email: users.email, sealed: users.mfaSecret, enabledAt: users.mfaEnabledAt }).from(users).where(eq(users.id, userId)).get();
  if (!row) return undefined;
  return { ...row, secret: row.sealed === null ? null : openSecret(getKeyring(), row.sealed, mfaSecretBinding(userId)) };
}

export function mfaStatus(userId: number) {
  const row = mfaRow(userId);
  return { enabledAt: row?.enabledAt ?? null, recoveryCodesLeft: row?.enabledAt ? unusedRecoveryCodeCount(db, userId) : 0 };
}

/** What someone typed: six digits are an authenticator code, anything else is tried as a recovery code. */
export function secondFactorMethod(input: string): SecondFactorMethod {
  return /^\d{6}$/.test(normalizeTotpCode(input)) ? "totp" : "recovery_code";
}

/**
 * Checks a code against the user's enabled MFA without spending it (the
 * HMAC is asynchronous, transactions here are not). A recovery code is only
 * recognised by shape here; claimSecondFactor looks it up as it spends it.
 */
export async function matchSecondFactor(userId: number, input: string, options: { allowRecoveryCode: boolean }): Promise<SecondFactorMatch | null> {
  const row = mfaRow(userId);
  if (!row?.enabledAt || !row.secret) return null;
  if (secondFactorMethod(input) === "totp") {
    const step = await matchTotpStep(row.secret, normalizeTotpCode(input));
    return step === null ? null : { method: "totp", step };
  }
  const normalized = normalizeRecoveryCode(input);
  if (!options.allowRecoveryCode || !looksLikeRecoveryCode(normalized)) return null;
  return { method: "recovery_code", codeHash: hashRecoveryCode(normalized) };
}

/**
 * Spends a matched code inside the caller's transaction; false when it was
 * already spent. Each check is a single conditional UPDATE, so two requests
 * racing with the same code cannot both succeed.
 */
export function claimSecondFactor(tx: Tx, userId: number, match: SecondFactorMatch): boolean {
  if (match.method === "recovery_code") return consumeRecoveryCode(tx, userId, match.codeHash);
  const claimed = tx
    .update(users)
    .set({ mfaLastUsedStep: match.step })
    .where(and(eq(users.id, userId), isNotNull(users.mfaEnabledAt), or(isNull(users.mfaLastUsedStep), lt(users.mfaLastUsedStep, match.step))))
    .returning({ id: users.id })
    .all();
  return claimed.length === 1;
}

/** The secret being set up, while MFA is not yet on: shown so the user can add it to an app. */
export function pendingMfaEnrolment(userId: number): { secret: string; email: string; sealed: string } | null {
  const row = mfaRow(userId);
  return row && !row.enabledAt && row.secret && row.sealed ? { secret: row.secret, email: row.email, sealed: row.sealed } : null;
}

/** Starts (or starts over) set-up with a new secret, kept server-side until a code proves the app has it. */
export function beginMfaEnrolment(userId: number, ctx: AuditContext): boolean {
  return db.transaction((tx) => {
    const started = tx
      .update(users)
      .set({
        mfaSecret: sealSecret(getKeyring(), generateTotpSecret(), mfaSecretBinding(userId)),
        mfaLastUsedStep: null,
        updatedAt: new Date().toISOString(),
        version: sql`${users.version} + 1`,
      })
      .where(and(eq(users.id, userId), isNull(users.mfaEnabledAt)))
      .returning({ id: users.id })
      .all();
    if (started.length !== 1) return false;
    writeAudit(tx, ctx, { action: "user.mfa_enrolment_started", entity: "user", entityId: userId });
    return true;
  });
}

/**
 * Turns MFA on when the code matches the pending secret. Returns the new
 * recovery codes (the only time they exist in plain text) or null. The
 * user's other sessions end: they were opened without a second factor.
 */
export async function confirmMfaEnrolment(userId: number, code: string, currentSessionId: string, ctx: AuditContext): Promise<string[] | null> {
  const pending = pendingMfaEnrolment(userId);
  if (!pending) return null;
  const step = await matchTotpStep(pending.secret, normalizeTotpCode(code));
  if (step === null) return null;
  return db.transaction((tx) => {
    const now = new Date().toISOString();
    // Only if the secret is still the one the code was checked against (no "start over" in between).
    const enabled = tx
      .update(users)
      .set({ mfaEnabledAt: now, mfaLastUsedStep: step, updatedAt: now, version: sql`${users.version} + 1` })
      .where(and(eq(users.id, userId), isNull(users.mfaEnabledAt), eq(users.mfaSecret, pending.sealed)))
      .returning({ id: users.id })
      .all();
    if (enabled.length !== 1) return null;
    const codes = replaceRecoveryCodes(tx, userId);
    // Tokens too were issued before the account had a second factor.
    const ended = revokeAllCredentials(tx, userId, "mfa_enable", { keepSessionId: currentSessionId });
    writeAudit(tx, ctx, {
      action: "user.mfa_enable",
      entity: "user",
      entityId: userId,
      after: { codesIssued: codes.length, otherSessionsEnded: ended.sessionsEnded, apiKeysRevoked: ended.apiTokensRevoked },
    });
    return codes;
  });
}

export function disableMfa(userId: number, ctx: AuditContext) {
  db.transaction((tx) => {
    tx.update(users)
      .set({ mfaSecret: null, mfaEnabledAt: null, mfaLastUsedStep: null, updatedAt: new Date().toISOString(), version: sql`${users.version} + 1` })
      .where(eq(users.id, userId))
      .run();
    deleteRecoveryCodes(tx, userId);
    writeAudit(tx, ctx, { action: "user.mfa_disable", entity: "user", entityId: userId });
  });
}

/** A fresh set of recovery codes; every earlier code stops working. */
export function regenerateRecoveryCodes(userId: number, ctx: AuditContext): string[] {
  return db.transaction((tx) => {
    const codes = replaceRecoveryCodes(tx, userId);
    writeAudit(tx, ctx, { action: "user.mfa_recovery_codes_regenerated", entity: "user", entityId: userId, after: { codesIssued: codes.length } });
    return codes;
  });
}

/**
 * Asks again who is at the keyboard before MFA is weakened (turned off,
 * codes replaced): a current authenticator code or the account password.
 * Guesses share the log-in's MFA counter, so a stolen session cannot
 * brute-force either. Throws ThrottledError while locked.
 */
export async function reauthenticate(userId: number, input: { code?: string; password?: string }, purpose: string, ctx: AuditContext): Promise<boolean> {
  const key = mfaThrottleKey(userId);
  assertNotLocked([key]);
  let ok = false;
  const method = input.code ? "totp" : "password";
  if (input.code) {
    const match = await matchSecondFactor(userId, input.code, { allowRecoveryCode: false });
    ok = match !== null && db.transaction((tx) => claimSecondFactor(tx, userId, match));
  } else if (input.password) {
    const hash = db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)).get()?.hash;
    ok = hash ? await verifyPassword(hash, input.password) : false;
  }
  if (ok) {
    clearThrottle(key);
    return true;
  }
  const delay = recordFailure(key, POLICIES.mfa);
  writeAudit(db, ctx, { action: "auth.reauth_failed", entity: "user", entityId: userId, after: { method, purpose } });
  await sleep(delay);
  return false;
}
