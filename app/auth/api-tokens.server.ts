import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "#db/connection";
import { apiTokens, apiTokenScopes, users } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { db } from "~/db.server";
import { API_SCOPES, API_TOKEN_MAX_DAYS, type ApiScope, scopesForRole } from "./api-scopes";
import { generateToken, hashToken } from "./tokens.server";

/**
 * Personal API tokens for BI tools. The token is shown once; only its
 * SHA-256 is stored. It reads only the areas (scopes) chosen at creation,
 * never more than its owner's role may read, until it expires, is revoked,
 * or an event that ends the owner's sessions revokes it too
 * (credentials.server.ts).
 */
export const API_TOKEN_PREFIX = "rmp_";
const DAY_MS = 24 * 60 * 60 * 1000;

/** Refused by policy (role without `read:api`, a scope the role may not read): the message is for the user. */
export class ApiTokenRefused extends Error {}

export type NewApiToken = { name: string; scopes: ApiScope[]; expiresInDays: number };

/**
 * Issues a token. The caller has already had the owner confirm who they are
 * (password or authenticator code); this checks the owner's role again in
 * the transaction, so a role changed a moment ago is the one that counts.
 */
export function createApiToken(userId: number, input: NewApiToken, ctx: AuditContext, now = new Date()) {
  if (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > API_TOKEN_MAX_DAYS) {
    throw new ApiTokenRefused(`A token lives between 1 and ${API_TOKEN_MAX_DAYS} days.`);
  }
  const scopes = API_SCOPES.filter((s) => input.scopes.includes(s));
  if (scopes.length === 0) throw new ApiTokenRefused("Choose at least one area the token may read.");
  const token = `${API_TOKEN_PREFIX}${generateToken(24)}`;
  const row = db.transaction((tx) => {
    const owner = tx.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, userId)).get();
    if (!owner?.active) throw new ApiTokenRefused("This account cannot create API tokens.");
    const allowed = scopesForRole(owner.role);
    if (allowed.length === 0) throw new ApiTokenRefused("Your role may not use the API, so it cannot hold API tokens.");
    const refused = scopes.filter((s) => !allowed.includes(s));
    if (refused.length) throw new ApiTokenRefused(`Your role may not read ${refused.join(", ")} through the API.`);
    const expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS).toISOString();
    const created = tx
      .insert(apiTokens)
      .values({
        userId,
        name: input.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
        createdAt: now.toISOString(),
        expiresAt,
      })
      .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, expiresAt: apiTokens.expiresAt })
      .get();
    tx.insert(apiTokenScopes)
      .values(scopes.map((scope) => ({ tokenId: created.id, scope })))
      .run();
    writeAudit(tx, ctx, {
      action: "api_token.create",
      entity: "api_token",
      entityId: created.id,
      after: { name: created.name, prefix: created.prefix, scopes, expiresAt },
    });
    return created;
  });
  return { token, scopes, ...row };
}

/** The scopes of each token, in the order API_SCOPES lists them. */
export function scopesOfTokens(conn: Pick<Db, "select">, tokenIds: number[]): Map<number, ApiScope[]> {
  const byToken = new Map<number, ApiScope[]>(tokenIds.map((id) => [id, []]));
  if (tokenIds.length === 0) return byToken;
  const rows = conn
    .select({ tokenId: apiTokenScopes.tokenId, scope: apiTokenScopes.scope })
    .from(apiTokenScopes)
    .where(inArray(apiTokenScopes.tokenId, tokenIds))
    .orderBy(asc(apiTokenScopes.tokenId))
    .all();
  for (const r of rows) byToken.get(r.tokenId)?.push(r.scope);
  for (const list of byToken.values()) list.sort((a, b) => API_SCOPES.indexOf(a) - API_SCOPES.indexOf(b));
  return byToken;
}

/** The user's tokens, newest first, with scopes, expiry, last use (time and address) and why a revoked one stopped. */
export function listApiTokens(userId: number, now = new Date()) {
  const rows = db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      lastUsedIp: apiTokens.lastUsedIp,
      revokedAt: apiTokens.revokedAt,
      revokedReason: apiTokens.revokedReason,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.id))
    .all();
  const scopes = scopesOfTokens(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, scopes: scopes.get(r.id) ?? [], expired: r.expiresAt <= now.toISOString() }));
}

/** Revokes one of the user's own tokens; false when it is not theirs or already revoked. */
export function revokeApiToken(userId: number, tokenId: number, ctx: AuditContext): boolean {
  return db.transaction((tx) => {
    const revoked = tx
      .update(apiTokens)
      .set({ revokedAt: new Date().toISOString(), revokedReason: "owner" })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name })
      .get();
    if (revoked) writeAudit(tx, ctx, { action: "api_token.revoke", entity: "api_token", entityId: revoked.id, after: { name: revoked.name } });
    return Boolean(revoked);
  });
}
