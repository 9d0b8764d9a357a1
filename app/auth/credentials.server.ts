import { and, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "#db/connection";
import { apiTokens, sessions } from "#db/schema";
import type { CredentialRevocationReason } from "./credential-revocation";

type Tx = Pick<Db, "select" | "update" | "delete">;

/**
 * Ends every session of the user and revokes every API token, inside the
 * caller's transaction so the change that prompted it and the revocation
 * commit or roll back together. A token is a credential like a cookie: one
 * that survived a password change would leave a thief in after the owner
 * locked them out. `keepSessionId` spares the session making the change
 * (a password change keeps its author signed in). Returns the counts for
 * the caller's audit event.
 */
export function revokeAllCredentials(
  tx: Tx,
  userId: number,
  reason: CredentialRevocationReason,
  options: { keepSessionId?: string; now?: Date } = {},
): { sessionsEnded: number; apiTokensRevoked: number } {
  const ofUser = options.keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, options.keepSessionId)) : eq(sessions.userId, userId);
  const sessionsEnded = tx.delete(sessions).where(ofUser).run().changes;
  const apiTokensRevoked = tx
    .update(apiTokens)
    .set({ revokedAt: (options.now ?? new Date()).toISOString(), revokedReason: reason })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .run().changes;
  return { sessionsEnded, apiTokensRevoked };
}
