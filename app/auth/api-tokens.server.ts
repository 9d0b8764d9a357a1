import { and, desc, eq, isNull } from "drizzle-orm";
import { apiTokens, users } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { db } from "~/db.server";
import { type Permission, roleHasPermission } from "./permissions";
import { generateToken, hashToken } from "./tokens.server";

/**
 * Personal API tokens for BI tools. The token is shown once; only its
 * SHA-256 is stored. A token acts with its owner's role, so it can read no
 * more than its owner could, and stops working when the owner is deactivated.
 */
const PREFIX = "rmp_";

export function createApiToken(userId: number, name: string, ctx: AuditContext) {
  const token = `${PREFIX}${generateToken(24)}`;
  const row = db.transaction((tx) => {
    const created = tx
      .insert(apiTokens)
      .values({ userId, name, tokenHash: hashToken(token), prefix: token.slice(0, PREFIX.length + 6), createdAt: new Date().toISOString() })
      .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix })
      .get();
    writeAudit(tx, ctx, { action: "api_token.create", entity: "api_token", entityId: created.id, after: { name: created.name, prefix: created.prefix } });
    return created;
  });
  return { token, ...row };
}

export function listApiTokens(userId: number) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.id))
    .all();
}

/** Revokes one of the user's own tokens; false when it is not theirs or already revoked. */
export function revokeApiToken(userId: number, tokenId: number, ctx: AuditContext): boolean {
  return db.transaction((tx) => {
    const revoked = tx
      .update(apiTokens)
      .set({ revokedAt: new Date().toISOString() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name })
      .get();
    if (revoked) writeAudit(tx, ctx, { action: "api_token.revoke", entity: "api_token", entityId: revoked.id, after: { name: revoked.name } });
    return Boolean(revoked);
  });
}

export type ApiUser = { id: number; role: (typeof users.$inferSelect)["role"]; tokenId: number };

function unauthorized(message: string): Response {
  return Response.json({ error: message }, { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="rampart"' } });
}

/** The token's owner for an API request (`Authorization: Bearer rmp_…`), or a 401. */
export function requireApiUser(request: Request): ApiUser {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(rmp_[a-z2-7]{20,80})$/i.exec(header.trim());
  if (!match) throw unauthorized("Send a personal API token as `Authorization: Bearer <token>` (create one on /account).");
  const row = db
    .select({ id: users.id, role: users.role, active: users.active, tokenId: apiTokens.id, revokedAt: apiTokens.revokedAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, hashToken(match[1]!)))
    .get();
  if (!row || row.revokedAt || !row.active) throw unauthorized("This API token is not valid.");
  // Record use at most once a minute, to keep reads from turning into writes.
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) > 60_000) {
    db.update(apiTokens).set({ lastUsedAt: now.toISOString() }).where(eq(apiTokens.id, row.tokenId)).run();
  }
  return { id: row.id, role: row.role, tokenId: row.tokenId };
}

/** 403 (as JSON) unless the token owner's role holds the permission. */
export function requireApiPermission(user: ApiUser, permission: Permission) {
  if (!roleHasPermission(user.role, permission)) throw Response.json({ error: "This token's owner may not read this." }, { status: 403 });
}
