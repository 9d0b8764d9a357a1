import { noteRequestUser } from "~/utils/request-context.server";
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { apiTokens, users } from "#db/schema";
import type { Role } from "#db/schema/enums";
import { apiJson } from "~/api/respond.server";
import { db } from "~/db.server";
import type { Permission } from "./permissions";
import { roleHasPermission } from "./permissions";
import type { ApiScope } from "./api-scopes";
import { API_TOKEN_PREFIX, scopesOfTokens } from "./api-tokens.server";
import { revocationLabel } from "./credential-revocation";
import { requestInfo } from "./request-info.server";
import { hashToken } from "./tokens.server";

export type ApiUser = { id: number; role: Role; tokenId: number; scopes: ApiScope[] };
export type ApiRouteAccess = { loader: Permission; scope: ApiScope };

// RFC 6750 §3: the reason also goes in WWW-Authenticate, where HTTP clients look for it.
function unauthorized(message: string, error?: "invalid_token"): Response {
  const challenge = error ? `Bearer realm="rampart", error="${error}", error_description="${message.replace(/"/g, "'")}"` : 'Bearer realm="rampart"';
  return apiJson({ error: message }, { status: 401, headers: { "WWW-Authenticate": challenge } });
}

function forbidden(message: string, scope?: ApiScope): Response {
  const headers: Record<string, string> = scope ? { "WWW-Authenticate": `Bearer realm="rampart", error="insufficient_scope", scope="${scope}"` } : {};
  return apiJson({ error: message }, { status: 403, headers });
}

const BEARER = new RegExp(`^Bearer\\s+(${API_TOKEN_PREFIX}[a-z2-7]{20,80})$`, "i");

/**
 * Authenticates an API request (`Authorization: Bearer rmp_…`) against the
 * route's declared access: a 401 with the reason for a missing, unknown,
 * revoked or expired token or a deactivated owner; a 403 with the reason
 * when the owner may not use the API or read this area, or the token lacks
 * the route's scope. Records the time and address of use.
 */
export function requireApiAccess(request: Request, context: AppLoadContext | undefined, access: ApiRouteAccess, now = new Date()): ApiUser {
  const match = BEARER.exec((request.headers.get("authorization") ?? "").trim());
  if (!match) throw unauthorized("Send a personal API token as `Authorization: Bearer <token>` (create one on /account).");
  const row = db
    .select({
      userId: users.id,
      role: users.role,
      active: users.active,
      tokenId: apiTokens.id,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      revokedReason: apiTokens.revokedReason,
      lastUsedAt: apiTokens.lastUsedAt,
      lastUsedIp: apiTokens.lastUsedIp,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, hashToken(match[1]!)))
    .get();
  if (!row) throw unauthorized("This API token is not valid.", "invalid_token");
  if (row.revokedAt) {
    const why = revocationLabel(row.revokedReason);
    throw unauthorized(`This API token was revoked on ${row.revokedAt.slice(0, 10)}${why ? ` (${why})` : ""}.`, "invalid_token");
  }
  if (row.expiresAt <= now.toISOString()) {
    throw unauthorized(`This API token expired on ${row.expiresAt.slice(0, 16).replace("T", " ")} UTC; create a new one on /account.`, "invalid_token");
  }
  if (!row.active) throw unauthorized("This API token's owner is deactivated.", "invalid_token");
  if (!roleHasPermission(row.role, "read:api")) throw forbidden("This token's owner may no longer use the API.");
  if (!roleHasPermission(row.role, access.loader)) throw forbidden("This token's owner may not read this.");
  const scopes = scopesOfTokens(db, [row.tokenId]).get(row.tokenId) ?? [];
  if (!scopes.includes(access.scope)) {
    throw forbidden(`This token may read ${scopes.join(", ") || "nothing"}, not "${access.scope}"; create a token with that scope on /account.`, access.scope);
  }
  recordUse(row, requestInfo(context).ip, now);
  noteRequestUser(row.userId);
  return { id: row.userId, role: row.role, tokenId: row.tokenId, scopes };
}

// At most one write a minute per token (or on a new address), so reads do not turn into writes.
function recordUse(row: { tokenId: number; lastUsedAt: string | null; lastUsedIp: string | null }, ip: string | null, now: Date) {
  const stale = !row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) > 60_000;
  if (!stale && row.lastUsedIp === ip) return;
  db.update(apiTokens).set({ lastUsedAt: now.toISOString(), lastUsedIp: ip }).where(eq(apiTokens.id, row.tokenId)).run();
}
