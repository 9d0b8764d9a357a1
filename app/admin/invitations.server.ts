import { and, eq, gt, isNull } from "drizzle-orm";
import Database from "better-sqlite3";
import type { Db, Tx } from "#db/connection";
import { invitations, users } from "#db/schema";
import type { Role } from "#db/schema/enums";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { DuplicateEmailError } from "~/users/create-user.server";
import { publicOrigin } from "~/deployment/origin.server";
import { getEnv } from "~/env.server";
import { queueLinkEmail } from "~/mail/link-emails.server";
import { assertUserVersion, loadUserForUpdate, UserChangeRefused, updateUserVersioned } from "./users.server";

/** Long enough to reach someone over a weekend, short enough that a forgotten link dies. */
export const INVITATION_TTL_MS = 72 * 60 * 60 * 1000;

/** The link to hand to the invitee: on APP_ORIGIN (or loopback), never on the request's Host header, which the client writes. */
export function invitationLink(token: string): string {
  return `${publicOrigin(getEnv())}/invite?token=${encodeURIComponent(token)}`;
}

export type IssuedInvitation = { userId: number; email: string; name: string; token: string; expiresAt: string; emailed: boolean };

/** Revokes any open link for the user and issues a new one; only its hash is stored. */
function issueInvitation(tx: Tx, userId: number, createdById: number | null, now: Date) {
  const nowIso = now.toISOString();
  tx.update(invitations)
    .set({ revokedAt: nowIso })
    .where(and(eq(invitations.userId, userId), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
    .run();
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS).toISOString();
  const row = tx
    .insert(invitations)
    .values({ userId, tokenHash: hashToken(token), createdById, createdAt: nowIso, expiresAt })
    .returning({ id: invitations.id })
    .get();
  return { id: row.id, token, expiresAt };
}

/** Creates an account without a password and a one-time link with which its owner sets one. */
export function inviteUser(db: Db, input: { email: string; name: string; role: Role }, ctx: AuditContext, now = new Date()): IssuedInvitation {
  try {
    return db.transaction((tx) => {
      if (tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) throw new DuplicateEmailError(input.email);
      const nowIso = now.toISOString();
      const user = tx
        .insert(users)
        .values({ email: input.email, name: input.name, role: input.role, createdAt: nowIso, updatedAt: nowIso })
        .returning({ id: users.id, email: users.email, name: users.name, role: users.role })
        .get();
      writeAudit(tx, ctx, { action: "user.create", entity: "user", entityId: user.id, after: { ...user, via: "invitation" } });
      const invitation = issueInvitation(tx, user.id, ctx.actorId, now);
      writeAudit(tx, ctx, {
        action: "user.invite",
        entity: "user",
        entityId: user.id,
        after: { invitationId: invitation.id, expiresAt: invitation.expiresAt },
      });
      const emailed = queueLinkEmail(tx, "invitation", user, invitationLink(invitation.token), invitation.expiresAt, now);
      return { userId: user.id, email: user.email, name: user.name, token: invitation.token, expiresAt: invitation.expiresAt, emailed };
    });
  } catch (error) {
    // Another process (the CLI) may have taken the address between our check and the insert.
    if (error instanceof Database.SqliteError && error.code === "SQLITE_CONSTRAINT_UNIQUE") throw new DuplicateEmailError(input.email);
    throw error;
  }
}

/** A fresh link for an invited user who lost theirs or let it expire; the old one stops working. */
export function reissueInvitation(db: Db, { userId, version }: { userId: number; version: number }, ctx: AuditContext, now = new Date()): IssuedInvitation {
  return db.transaction((tx) => {
    const row = loadUserForUpdate(tx, userId);
    assertUserVersion(row, version);
    if (!row.active) throw new UserChangeRefused(`${row.name} is inactive; reactivate the account before inviting them again.`);
    if (row.passwordHash !== null) throw new UserChangeRefused(`${row.name} has already set a password.`);
    const updated = updateUserVersioned(tx, row, version, {});
    const invitation = issueInvitation(tx, userId, ctx.actorId, now);
    writeAudit(tx, ctx, {
      action: "user.invite",
      entity: "user",
      entityId: userId,
      before: { version: row.version },
      after: { invitationId: invitation.id, expiresAt: invitation.expiresAt, reissued: true, version: updated.version },
    });
    const emailed = queueLinkEmail(tx, "invitation", row, invitationLink(invitation.token), invitation.expiresAt, now);
    return { userId, email: row.email, name: row.name, token: invitation.token, expiresAt: invitation.expiresAt, emailed };
  });
}

/** The open invitation for a link, or null when it is unknown, used, revoked, expired or its account cannot take it. */
export function findUsableInvitation(db: Pick<Db, "select">, token: string, now = new Date()) {
  return (
    db
      .select({ id: invitations.id, userId: users.id, email: users.email, name: users.name, expiresAt: invitations.expiresAt })
      .from(invitations)
      .innerJoin(users, eq(users.id, invitations.userId))
      .where(
        and(
          eq(invitations.tokenHash, hashToken(token)),
          isNull(invitations.usedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now.toISOString()),
          eq(users.active, true),
          isNull(users.passwordHash),
        ),
      )
      .get() ?? null
  );
}

/**
 * Sets the invitee's password and spends the link, atomically: of two
 * submissions of the same link only one succeeds. Returns null when the
 * link is not usable. `passwordHash` is computed before, as argon2 is async.
 */
export function acceptInvitation(db: Db, token: string, passwordHash: string, ctx: AuditContext, now = new Date()) {
  return db.transaction((tx) => {
    const invitation = findUsableInvitation(tx, token, now);
    if (!invitation) return null;
    const nowIso = now.toISOString();
    const spent = tx
      .update(invitations)
      .set({ usedAt: nowIso })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
      .run();
    if (spent.changes !== 1) return null;
    const row = loadUserForUpdate(tx, invitation.userId);
    // The invitee does not hold the row's version; bumping it still makes a concurrent admin edit a visible conflict.
    updateUserVersioned(tx, row, row.version, { passwordHash, passwordChangedAt: nowIso });
    writeAudit(
      tx,
      { ...ctx, actorId: invitation.userId },
      { action: "user.invite_accept", entity: "user", entityId: invitation.userId, after: { invitationId: invitation.id } },
    );
    return { id: invitation.userId, email: invitation.email };
  });
}
