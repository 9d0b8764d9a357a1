import { and, eq, isNotNull, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "#db/connection";
import { oidcPendingLinks, users } from "#db/schema";
import type { Role } from "#db/schema/enums";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { getSetting } from "~/settings/settings.server";
import { revokeAllCredentials } from "../credentials.server";
import { generateToken, hashToken } from "../tokens.server";
import { type IdentityClaims, roleForGroups } from "./claims";
import { SsoRefused } from "./refusal";

/** A pending link waits this long for the account's password. */
export const LINK_PENDING_MS = 10 * 60 * 1000;

type UserRow = typeof users.$inferSelect;
export type SsoOutcome = { kind: "signed-in"; user: UserRow } | { kind: "link"; token: string; user: UserRow };

/** Refuses (audited, in its own transaction so the refusal is recorded even though the sign-in fails). */
export function refuse(db: Db, ctx: AuditContext, error: SsoRefused, identity?: Partial<IdentityClaims>, userId?: number | null): never {
  writeAudit(
    db,
    { ...ctx, actorId: userId ?? ctx.actorId },
    {
      action: "auth.sso_refused",
      entity: "user",
      entityId: userId ?? null,
      after: {
        reason: error.reason,
        detail: error.detail?.slice(0, 300),
        email: identity?.email ?? undefined,
        subject: identity?.subject,
        groups: identity?.groups,
      },
    },
  );
  throw error;
}

/** True when `row` is the last active administrator able to sign in with a password (the break-glass account). */
function isLastAdmin(tx: Pick<Db, "select">, row: UserRow): boolean {
  if (row.role !== "admin" || !row.active || row.passwordHash === null) return false;
  const other = tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true), isNotNull(users.passwordHash), ne(users.id, row.id)))
    .limit(1)
    .get();
  return !other;
}

/**
 * Brings the account's role in line with the directory. A changed role ends
 * every other session and token (as an administrator's role change does):
 * they were granted under the old role. The last administrator able to sign
 * in with a password is never demoted by a group change, or nobody could fix
 * the mapping (decision 014).
 */
function applyDirectoryRole(tx: Tx, ctx: AuditContext, row: UserRow, role: Role, identity: IdentityClaims): UserRow {
  if (row.role === role) return row;
  if (isLastAdmin(tx, row)) {
    writeAudit(tx, ctx, {
      action: "auth.sso_role_kept",
      entity: "user",
      entityId: row.id,
      after: { role: row.role, directoryRole: role, groups: identity.groups },
    });
    return row;
  }
  const updated = tx
    .update(users)
    .set({ role, updatedAt: new Date().toISOString(), version: sql`${users.version} + 1` })
    .where(eq(users.id, row.id))
    .returning()
    .get();
  const ended = revokeAllCredentials(tx, row.id, "role_change");
  writeAudit(tx, ctx, {
    action: "user.role_change",
    entity: "user",
    entityId: row.id,
    before: { role: row.role, version: row.version },
    after: {
      role,
      version: updated.version,
      source: "sso",
      groups: identity.groups,
      sessionsEnded: ended.sessionsEnded,
      apiKeysRevoked: ended.apiTokensRevoked,
    },
  });
  return updated;
}

function linkIdentity(tx: Tx, ctx: AuditContext, row: UserRow, identity: IdentityClaims): UserRow {
  const linked = tx
    .update(users)
    .set({ oidcIssuer: identity.issuer, oidcSubject: identity.subject, updatedAt: new Date().toISOString(), version: sql`${users.version} + 1` })
    .where(eq(users.id, row.id))
    .returning()
    .get();
  writeAudit(tx, ctx, { action: "auth.sso_linked", entity: "user", entityId: row.id, after: { issuer: identity.issuer, subject: identity.subject } });
  return linked;
}

/**
 * Finds, links or creates the account for a verified identity and sets its
 * role from the directory, in one transaction. An account found by email
 * that has a password is linked only once its password is given
 * (`kind: "link"`); one without a password (invited, never set) is linked
 * at once, since the administrator created it for that address.
 */
export function accountForIdentity(db: Db, ctx: AuditContext, identity: IdentityClaims, options: { provision: boolean }): SsoOutcome {
  const role = roleForGroups(getSetting(db, "sso_role_map"), identity.groups);
  const linked = db
    .select()
    .from(users)
    .where(and(eq(users.oidcIssuer, identity.issuer), eq(users.oidcSubject, identity.subject)))
    .get();
  if (!role) {
    // A leaver or a moved employee: whatever they still hold stops working now.
    if (linked) {
      db.transaction((tx) => {
        const ended = revokeAllCredentials(tx, linked.id, "sso_access_removed");
        writeAudit(
          tx,
          { ...ctx, actorId: linked.id },
          { action: "auth.sso_access_removed", entity: "user", entityId: linked.id, after: { groups: identity.groups, ...ended } },
        );
      });
    }
    refuse(db, ctx, new SsoRefused("no_role"), identity, linked?.id);
  }
  if (linked) {
    if (!linked.active) refuse(db, ctx, new SsoRefused("inactive"), identity, linked.id);
    const user = db.transaction((tx) => applyDirectoryRole(tx, { ...ctx, actorId: linked.id }, linked, role, identity));
    return { kind: "signed-in", user };
  }
  if (!identity.email) refuse(db, ctx, new SsoRefused("missing_email"), identity);
  if (identity.emailVerified === false) refuse(db, ctx, new SsoRefused("email_unverified"), identity);
  const email = identity.email;
  const byEmail = db.select().from(users).where(eq(users.email, email)).get();
  if (byEmail) {
    if (byEmail.oidcSubject) refuse(db, ctx, new SsoRefused("linked_elsewhere"), identity, byEmail.id);
    if (!byEmail.active) refuse(db, ctx, new SsoRefused("inactive"), identity, byEmail.id);
    if (byEmail.passwordHash) return { kind: "link", token: createPendingLink(db, byEmail, identity, role), user: byEmail };
    const user = db.transaction((tx) => {
      const ctxUser = { ...ctx, actorId: byEmail.id };
      return applyDirectoryRole(tx, ctxUser, linkIdentity(tx, ctxUser, byEmail, identity), role, identity);
    });
    return { kind: "signed-in", user };
  }
  if (!options.provision) refuse(db, ctx, new SsoRefused("no_account"), identity);
  const user = db.transaction((tx) => {
    const now = new Date().toISOString();
    const created = tx
      .insert(users)
      .values({
        email,
        name: identity.name ?? email,
        role,
        oidcIssuer: identity.issuer,
        oidcSubject: identity.subject,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    writeAudit(
      tx,
      { ...ctx, actorId: created.id },
      {
        action: "user.create",
        entity: "user",
        entityId: created.id,
        after: { email, name: created.name, role, source: "sso", groups: identity.groups },
      },
    );
    return created;
  });
  return { kind: "signed-in", user };
}

function createPendingLink(db: Db, user: UserRow, identity: IdentityClaims, role: Role): string {
  const token = generateToken();
  const now = Date.now();
  db.transaction((tx) => {
    // One pending link per account: a newer sign-in replaces an older one.
    tx.delete(oidcPendingLinks).where(eq(oidcPendingLinks.userId, user.id)).run();
    tx.insert(oidcPendingLinks)
      .values({
        tokenHash: hashToken(token),
        userId: user.id,
        issuer: identity.issuer,
        subject: identity.subject,
        role,
        providerMfa: identity.providerMfa,
        sessionEndsAt: identity.expiresAt.toISOString(),
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(now + LINK_PENDING_MS).toISOString(),
      })
      .run();
  });
  return token;
}

export type PendingLink = typeof oidcPendingLinks.$inferSelect & { email: string; name: string };

/** The pending link a browser's token names, if it has not expired. */
export function findPendingLink(db: Pick<Db, "select">, token: string): PendingLink | null {
  const row = db
    .select({ link: oidcPendingLinks, email: users.email, name: users.name })
    .from(oidcPendingLinks)
    .innerJoin(users, eq(users.id, oidcPendingLinks.userId))
    .where(eq(oidcPendingLinks.tokenHash, hashToken(token)))
    .get();
  if (!row || Date.parse(row.link.expiresAt) <= Date.now()) return null;
  return { ...row.link, email: row.email, name: row.name };
}

/** Completes a link once the account's password was verified: one use, in one transaction with the role refresh. */
export function completePendingLink(db: Db, ctx: AuditContext, link: PendingLink): UserRow | null {
  return db.transaction((tx) => {
    const taken = tx.delete(oidcPendingLinks).where(eq(oidcPendingLinks.tokenHash, link.tokenHash)).run().changes;
    if (taken === 0) return null;
    const row = tx.select().from(users).where(eq(users.id, link.userId)).get();
    if (!row || !row.active || row.oidcSubject) return null;
    const identity: IdentityClaims = {
      issuer: link.issuer,
      subject: link.subject,
      email: row.email,
      emailVerified: null,
      name: row.name,
      groups: [],
      providerMfa: link.providerMfa,
      expiresAt: new Date(link.sessionEndsAt),
    };
    const ctxUser = { ...ctx, actorId: row.id };
    return applyDirectoryRole(tx, ctxUser, linkIdentity(tx, ctxUser, row, identity), link.role, identity);
  });
}
