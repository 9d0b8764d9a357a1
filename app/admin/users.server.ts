import { and, asc, eq, gt, inArray, isNotNull, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "#db/connection";
import { auditEvents, invitations, recoveryCodes, sessions, users } from "#db/schema";
import type { Role } from "#db/schema/enums";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { revokeAllCredentials } from "~/auth/credentials.server";
import { updateVersioned, VersionConflictError } from "~/utils/concurrency.server";
import { ROLE_LABELS, type UserFilter } from "./user-filters";
import type { ListParams, ListSpec, SortDir } from "~/lists/list-params";
import { countAll, ordered, orderFor, runPage } from "~/lists/page.server";
import { searchAny } from "~/lists/search.server";

type UserRow = typeof users.$inferSelect;

/** Audit actions that mean "signed in": written by the password log-in, or by the MFA step when a second factor is due. */
export const SIGN_IN_ACTIONS = ["auth.login"];

/** A change the rules refuse (last administrator, own account, nothing to do); its message is for the administrator. */
export class UserChangeRefused extends Error {}

// Booleans are computed in SQL so password hashes and MFA secrets never leave this module.
const summaryColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  active: users.active,
  version: users.version,
  mfaEnabled: sql<boolean>`${users.mfaEnabledAt} is not null`.mapWith(Boolean),
  hasPassword: sql<boolean>`${users.passwordHash} is not null`.mapWith(Boolean),
  createdAt: users.createdAt,
};

// Keyed on the event's entity (the user who signed in), which every sign-in path records, whoever it names as actor.
// One user's newest sign-in: a correlated max() that audit_events_entity_action_at_idx answers with a seek; grouping the
// whole trail's sign-ins (hundreds of thousands at scale) to show one user cost half a second.
function lastSignInOf(userId: SQL | typeof users.id) {
  return sql<
    string | null
  >`(select max(${auditEvents.at}) from ${auditEvents} where ${auditEvents.entity} = 'user' and ${auditEvents.entityId} = cast(${userId} as text) and ${inArray(auditEvents.action, SIGN_IN_ACTIONS)})`;
}

/** Last sign-in of each of these users (a page of them), in one query over their events only. */
function lastSignInsOf(db: Pick<Db, "select">, userIds: number[]): Map<number, string | null> {
  if (!userIds.length) return new Map();
  const rows = db
    .select({ userId: auditEvents.entityId, at: sql<string | null>`max(${auditEvents.at})` })
    .from(auditEvents)
    .where(and(inArray(auditEvents.action, SIGN_IN_ACTIONS), eq(auditEvents.entity, "user"), inArray(auditEvents.entityId, userIds.map(String))))
    .groupBy(auditEvents.entityId)
    .all();
  return new Map(rows.map((r) => [Number(r.userId), r.at]));
}

/** Links still usable: unused, not revoked, not expired. */
function openInvitations(db: Pick<Db, "select">, now: Date) {
  return db
    .select({ userId: invitations.userId, expiresAt: sql<string | null>`max(${invitations.expiresAt})`.as("invitation_expires_at") })
    .from(invitations)
    .where(and(isNull(invitations.usedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now.toISOString())))
    .groupBy(invitations.userId)
    .as("open_invitations");
}

function filterConditions(filter: UserFilter & { q?: string }): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.status === "active") conditions.push(eq(users.active, true), isNotNull(users.passwordHash));
  if (filter.status === "invited") conditions.push(eq(users.active, true), isNull(users.passwordHash));
  if (filter.status === "inactive") conditions.push(eq(users.active, false));
  const search = searchAny(filter.q ?? "", [users.name, users.email]);
  if (search) conditions.push(search);
  return conditions.length ? and(...conditions) : undefined;
}

export const USER_SORTS = ["name", "email", "role", "status", "created"] as const;
export type UserSort = (typeof USER_SORTS)[number];
export const USER_LIST: ListSpec<UserSort> = { sorts: USER_SORTS, defaultSort: "name", defaultDir: "asc" };

const USER_ORDERS: Record<UserSort, (dir: SortDir) => SQL[]> = {
  name: (dir) => [ordered(sql`lower(${users.name})`, dir)],
  email: (dir) => [ordered(users.email, dir)],
  role: (dir) => [ordered(users.role, dir)],
  // Active, then invited (no password yet), then inactive, as the Status column reads.
  status: (dir) => [ordered(sql`case when ${users.active} = 0 then 2 when ${users.passwordHash} is null then 1 else 0 end`, dir)],
  created: (dir) => [ordered(users.createdAt, dir)],
};

/**
 * One page of users matching the filter, with pending invitation and last
 * sign-in: a count, the page, then the sign-ins of the page's users only
 * (the trail holds a million events at scale; grouping all of them for 50
 * rows is waste). Three statements whatever the sizes.
 */
export function pageUsers(db: Pick<Db, "select">, filter: UserFilter, params: ListParams<UserSort>, now = new Date()) {
  const where = filterConditions({ ...filter, q: params.q });
  const pending = openInvitations(db, now);
  const page = runPage(params, {
    count: () => db.select({ n: countAll }).from(users).where(where).get()?.n ?? 0,
    rows: ({ limit, offset }) =>
      db
        .select({ ...summaryColumns, invitationExpiresAt: pending.expiresAt })
        .from(users)
        .leftJoin(pending, eq(pending.userId, users.id))
        .where(where)
        .orderBy(...orderFor(params, USER_ORDERS, asc(users.id)))
        .limit(limit)
        .offset(offset)
        .all(),
  });
  const signIns = lastSignInsOf(
    db,
    page.rows.map((u) => u.id),
  );
  return { rows: page.rows.map((u) => ({ ...u, lastSignInAt: signIns.get(u.id) ?? null })), view: page.view };
}

export function getUser(db: Pick<Db, "select">, userId: number, now = new Date()) {
  const pending = openInvitations(db, now);
  return db
    .select({
      ...summaryColumns,
      updatedAt: users.updatedAt,
      passwordChangedAt: users.passwordChangedAt,
      lastSignInAt: lastSignInOf(users.id),
      invitationExpiresAt: pending.expiresAt,
      openSessions: sql<number>`(select count(*) from ${sessions} where ${sessions.userId} = ${users.id} and ${sessions.expiresAt} > ${now.toISOString()})`,
    })
    .from(users)
    .leftJoin(pending, eq(pending.userId, users.id))
    .where(eq(users.id, userId))
    .get();
}

/** What an administrator may see of a user's state, e.g. in a conflict message. */
export type UserState = { name: string; role: Role; active: boolean; mfaEnabled: boolean; invitationPending: boolean; version: number };

function stateOf(row: UserRow): UserState {
  return {
    name: row.name,
    role: row.role,
    active: row.active,
    mfaEnabled: row.mfaEnabledAt !== null,
    invitationPending: row.passwordHash === null,
    version: row.version,
  };
}

export function describeUserState(state: UserState): string {
  const status = !state.active ? "inactive" : state.invitationPending ? "active, invitation pending" : "active";
  return `role ${ROLE_LABELS[state.role]}, ${status}, MFA ${state.mfaEnabled ? "on" : "off"} (version ${state.version})`;
}

/** What the administrator saw when they opened the page (sent back with the form; used only to word a conflict). */
export type SeenUserState = { role?: Role; active?: boolean; mfaEnabled?: boolean };

/** The 409 message: what changed since the page was opened, and the state now. */
export function conflictMessage(seen: SeenUserState, current: UserState): string {
  const changes: string[] = [];
  if (seen.role && seen.role !== current.role) changes.push(`role ${ROLE_LABELS[seen.role]} → ${ROLE_LABELS[current.role]}`);
  if (seen.active !== undefined && seen.active !== current.active) changes.push(current.active ? "reactivated" : "deactivated");
  if (seen.mfaEnabled !== undefined && seen.mfaEnabled !== current.mfaEnabled)
    changes.push(`MFA ${seen.mfaEnabled ? "on" : "off"} → ${current.mfaEnabled ? "on" : "off"}`);
  const what = changes.length ? ` (${changes.join("; ")})` : "";
  return `Someone else changed ${current.name} since you opened this page${what}, so nothing was saved. Now: ${describeUserState(current)}. Check the page and submit again if the change is still needed.`;
}

export function loadUserForUpdate(tx: Pick<Db, "select">, userId: number): UserRow {
  const row = tx.select().from(users).where(eq(users.id, userId)).get();
  if (!row) throw new Response("There is no such user.", { status: 404 });
  return row;
}

/** The edit was made against `version`: refuse it, showing the current state, when the row has moved on. */
export function assertUserVersion(row: UserRow, version: number) {
  if (row.version !== version) throw new VersionConflictError<UserState>("user", stateOf(row));
}

/** `update … where id = ? and version = ?`, version + 1; a conflict carries only the safe state of the row. */
export function updateUserVersioned(tx: Tx, row: UserRow, version: number, values: Partial<typeof users.$inferInsert>): UserRow {
  try {
    return updateVersioned(tx, users, "user", row.id, version, values);
  } catch (error) {
    if (error instanceof VersionConflictError) throw new VersionConflictError<UserState>("user", stateOf(error.current as UserRow));
    throw error;
  }
}

/**
 * Refuses a change that would leave nobody able to administer Rampart.
 * "Able" matches needsFirstAdmin (active, with a password): an invited
 * administrator who has not set a password yet does not count.
 */
function assertNotLastAdmin(tx: Pick<Db, "select">, row: UserRow, change: string) {
  if (row.role !== "admin" || !row.active || row.passwordHash === null) return;
  const other = tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true), isNotNull(users.passwordHash), ne(users.id, row.id)))
    .limit(1)
    .get();
  if (!other) throw new UserChangeRefused(`${row.name} is the last active administrator and cannot be ${change}. Make another user an administrator first.`);
}

type Change = { userId: number; version: number };

export function changeUserRole(db: Db, { userId, version, role }: Change & { role: Role }, ctx: AuditContext) {
  return db.transaction((tx) => {
    const row = loadUserForUpdate(tx, userId);
    assertUserVersion(row, version);
    if (row.role === role) throw new UserChangeRefused(`${row.name} already has the role ${ROLE_LABELS[role]}.`);
    if (role !== "admin") assertNotLastAdmin(tx, row, "demoted");
    const updated = updateUserVersioned(tx, row, version, { role });
    // A token's scopes and a session's standing were granted under the old role: the user signs in again under the new one.
    const ended = revokeAllCredentials(tx, userId, "role_change");
    writeAudit(tx, ctx, {
      action: "user.role_change",
      entity: "user",
      entityId: userId,
      before: { role: row.role, version: row.version },
      after: { role, version: updated.version, sessionsEnded: ended.sessionsEnded, apiKeysRevoked: ended.apiTokensRevoked },
    });
    return updated;
  });
}

export function deactivateUser(db: Db, { userId, version }: Change, ctx: AuditContext) {
  return db.transaction((tx) => {
    const row = loadUserForUpdate(tx, userId);
    assertUserVersion(row, version);
    if (ctx.actorId === userId) throw new UserChangeRefused("You cannot deactivate your own account; ask another administrator.");
    if (!row.active) throw new UserChangeRefused(`${row.name} is already inactive.`);
    assertNotLastAdmin(tx, row, "deactivated");
    const updated = updateUserVersioned(tx, row, version, { active: false });
    // Neither an unused invitation nor an old API token may outlive the account: reactivation starts from no credentials but the password.
    const { sessionsEnded, apiTokensRevoked: apiKeysRevoked } = revokeAllCredentials(tx, userId, "deactivation");
    const invitationsRevoked = tx
      .update(invitations)
      .set({ revokedAt: new Date().toISOString() })
      .where(and(eq(invitations.userId, userId), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
      .run().changes;
    writeAudit(tx, ctx, {
      action: "user.deactivate",
      entity: "user",
      entityId: userId,
      before: { active: true, version: row.version },
      after: { active: false, version: updated.version, sessionsEnded, invitationsRevoked, apiKeysRevoked },
    });
    return updated;
  });
}

export function reactivateUser(db: Db, { userId, version }: Change, ctx: AuditContext) {
  return db.transaction((tx) => {
    const row = loadUserForUpdate(tx, userId);
    assertUserVersion(row, version);
    if (row.active) throw new UserChangeRefused(`${row.name} is already active.`);
    const updated = updateUserVersioned(tx, row, version, { active: true });
    writeAudit(tx, ctx, {
      action: "user.reactivate",
      entity: "user",
      entityId: userId,
      before: { active: false, version: row.version },
      after: { active: true, version: updated.version },
    });
    return updated;
  });
}

/**
 * Clears the second factor (secret, enrolment and backup codes) and ends
 * every session, for a user who lost their authenticator. A privileged role
 * must enrol again at the next sign-in. Administrators reset their own
 * factor from their account page, where it is re-authenticated.
 */
export function resetUserMfa(db: Db, { userId, version }: Change, ctx: AuditContext) {
  return db.transaction((tx) => {
    const row = loadUserForUpdate(tx, userId);
    assertUserVersion(row, version);
    if (ctx.actorId === userId) throw new UserChangeRefused("Change your own second factor from your account page.");
    const codes =
      tx
        .select({ n: sql<number>`count(*)` })
        .from(recoveryCodes)
        .where(eq(recoveryCodes.userId, userId))
        .get()?.n ?? 0;
    if (row.mfaSecret === null && row.mfaEnabledAt === null && codes === 0) throw new UserChangeRefused(`${row.name} has no second factor to reset.`);
    const updated = updateUserVersioned(tx, row, version, { mfaSecret: null, mfaEnabledAt: null, mfaLastUsedStep: null });
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
    const { sessionsEnded, apiTokensRevoked: apiKeysRevoked } = revokeAllCredentials(tx, userId, "mfa_reset");
    writeAudit(tx, ctx, {
      action: "user.mfa_reset",
      entity: "user",
      entityId: userId,
      before: { mfaEnabledAt: row.mfaEnabledAt, backupCodes: codes, version: row.version },
      after: { mfaEnabledAt: null, backupCodes: 0, version: updated.version, sessionsEnded, apiKeysRevoked },
    });
    return updated;
  });
}
