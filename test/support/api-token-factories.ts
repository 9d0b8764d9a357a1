import { apiTokens, apiTokenScopes } from "#db/schema";
import { API_SCOPES, type ApiScope } from "#db/schema/enums";
import { API_TOKEN_PREFIX } from "~/auth/api-tokens.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { db } from "~/db.server";

/**
 * A live API token for the user, written straight to the table (every scope
 * and 90 days unless told otherwise), so tests can hold tokens that the
 * creation rules would refuse, e.g. a board member's from before they
 * existed, and check that the API still refuses them.
 */
export function makeApiToken(userId: number, overrides: { scopes?: readonly ApiScope[]; expiresAt?: string; createdAt?: string; name?: string } = {}) {
  const token = `${API_TOKEN_PREFIX}${generateToken(24)}`;
  const createdAt = overrides.createdAt ?? new Date().toISOString();
  const row = db
    .insert(apiTokens)
    .values({
      userId,
      name: overrides.name ?? "test token",
      tokenHash: hashToken(token),
      prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      createdAt,
      expiresAt: overrides.expiresAt ?? new Date(Date.parse(createdAt) + 90 * 24 * 60 * 60 * 1000).toISOString(),
    })
    .returning()
    .get();
  const scopes = overrides.scopes ?? API_SCOPES;
  if (scopes.length)
    db.insert(apiTokenScopes)
      .values(scopes.map((scope) => ({ tokenId: row.id, scope })))
      .run();
  return { token, id: row.id, row };
}
