import { and, eq, gt, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "#db/connection";
import { passwordResets, users } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { revokeAllCredentials } from "~/auth/credentials.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { publicOrigin } from "~/deployment/origin.server";
import { getEnv } from "~/env.server";
import { queueLinkEmail } from "~/mail/link-emails.server";
import { clearUserThrottles } from "./throttles.server";
import { assertUserVersion, loadUserForUpdate, UserChangeRefused, updateUserVersioned } from "./users.server";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Long enough to read a message and choose a password; a link left in a chat log dies soon. */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

export function passwordResetLink(token: string): string {
  return `${publicOrigin(getEnv())}/reset-password?token=${encodeURIComponent(token)}`;
}

export type IssuedPasswordReset = { userId: number; email: string; name: string; token: string; expiresAt: string; emailed: boolean };

function revokeOpenResets(tx: Tx, userId: number, nowIso: string): number {
  return tx
    .update(passwordResets)
    .set({ revokedAt: nowIso })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt), isNull(passwordResets.revokedAt)))
    .run().changes;
}

/**
 * A one-time link with which an active user sets a new password (and so gets
 * past a lock on their account, decision 009). Any older link stops working;
 * only the token's hash is stored. `version` is the user row the
 * administrator saw (the CLI passes none).
 */
export function issuePasswordReset(db: Db, target: { userId: number; version?: number }, ctx: AuditContext, now = new Date()): IssuedPasswordReset {
  return db.transaction((tx) => {
    const row = loadUserForUpdate(tx, target.userId);
    if (target.version !== undefined) assertUserVersion(row, target.version);
    if (!row.active) throw new UserChangeRefused(`${row.name} is inactive; reactivate the account first.`);
    if (row.passwordHash === null) throw new UserChangeRefused(`${row.name} has not set a password yet; issue a new invitation instead.`);
    if (ctx.actorId === row.id) throw new UserChangeRefused("Change your own password from your account page.");
    const nowIso = now.toISOString();
    const revoked = revokeOpenResets(tx, row.id, nowIso);
    const token = generateToken();
    const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_MS).toISOString();
    const reset = tx
      .insert(passwordResets)
      .values({ userId: row.id, tokenHash: hashToken(token), createdById: ctx.actorId, createdAt: nowIso, expiresAt })
      .returning({ id: passwordResets.id })
      .get();
    writeAudit(tx, ctx, {
      action: "user.password_reset_issued",
      entity: "user",
      entityId: row.id,
      after: { resetId: reset.id, expiresAt, earlierLinksRevoked: revoked, via: ctx.actorId === null ? "cli" : "admin" },
    });
    const emailed = queueLinkEmail(tx, "password_reset", row, passwordResetLink(token), expiresAt, now);
    return { userId: row.id, email: row.email, name: row.name, token, expiresAt, emailed };
  });
}

export function findUserIdByEmail(db: Pick<Db, "select">, email: string): number | null {
  return db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()?.id ?? null;
}

/** The open reset for a link, or null when it is unknown, used, revoked, expired or its account is inactive. */
export function findUsablePasswordReset(db: Pick<Db, "select">, token: string, now = new Date()) {
  return (
    db
      .select({ id: passwordResets.id, userId: users.id, email: users.email, name: users.name, expiresAt: passwordResets.expiresAt })
      .from(passwordResets)
      .innerJoin(users, eq(users.id, passwordResets.userId))
      .where(
        and(
          eq(passwordResets.tokenHash, hashToken(token)),
          isNull(passwordResets.usedAt),
          isNull(passwordResets.revokedAt),
          gt(passwordResets.expiresAt, now.toISOString()),
          eq(users.active, true),
          isNotNull(users.passwordHash),
        ),
      )
      .get() ?? null
  );
}

/**
 * Sets the new password and spends the link, atomically (of two submissions
 * only one succeeds). Whoever knew the old password may hold a session or an
 * API token, so all of them end; the user's delays and locks are lifted.
 * MFA enrolment is untouched: a second factor stays required. Returns null
 * when the link is not usable. `passwordHash` is computed before (argon2 is async).
 */
export function completePasswordReset(db: Db, token: string, passwordHash: string, ctx: AuditContext, now = new Date()) {
  return db.transaction((tx) => {
    const reset = findUsablePasswordReset(tx, token, now);
    if (!reset) return null;
    const nowIso = now.toISOString();
    const spent = tx
      .update(passwordResets)
      .set({ usedAt: nowIso })
      .where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt), isNull(passwordResets.revokedAt)))
      .run();
    if (spent.changes !== 1) return null;
    const row = loadUserForUpdate(tx, reset.userId);
    // The user does not hold the row's version; bumping it still makes a concurrent admin edit a visible conflict.
    const updated = updateUserVersioned(tx, row, row.version, { passwordHash, passwordChangedAt: nowIso });
    // Sessions and API tokens end together, in this transaction (the one revocation path, app/auth/credentials.server.ts).
    const { sessionsEnded, apiTokensRevoked: apiKeysRevoked } = revokeAllCredentials(tx, row.id, "password_reset", { now });
    const locksCleared = clearUserThrottles(tx, row);
    writeAudit(
      tx,
      { ...ctx, actorId: row.id },
      {
        action: "user.password_reset",
        entity: "user",
        entityId: row.id,
        before: { version: row.version },
        after: { resetId: reset.id, version: updated.version, sessionsEnded, apiKeysRevoked, locksCleared },
      },
    );
    return { id: row.id, email: row.email, role: row.role, mfaEnabled: row.mfaEnabledAt !== null };
  });
}
