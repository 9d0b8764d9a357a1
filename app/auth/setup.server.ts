import { and, eq, gt, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "#db/connection";
import { setupTokens, users } from "#db/schema";
import { generateToken, hashToken } from "./tokens.server";

export const SETUP_TOKEN_TTL_MS = 60 * 60 * 1000;

/** True while no active administrator can sign in: the state in which /setup is open. */
export function needsFirstAdmin(db: Pick<Db, "select">): boolean {
  const admin = db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true), isNotNull(users.passwordHash)))
    .limit(1)
    .get();
  return !admin;
}

/** Issues a one-time setup token valid for an hour; only its hash is stored. */
export function createSetupToken(db: Pick<Db, "insert">, now = new Date()): string {
  const token = generateToken();
  db.insert(setupTokens)
    .values({
      tokenHash: hashToken(token),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SETUP_TOKEN_TTL_MS).toISOString(),
    })
    .run();
  return token;
}

export function findUsableSetupToken(db: Pick<Db, "select">, token: string, now = new Date()) {
  return db
    .select()
    .from(setupTokens)
    .where(and(eq(setupTokens.tokenHash, hashToken(token)), isNull(setupTokens.usedAt), gt(setupTokens.expiresAt, now.toISOString())))
    .get();
}

/** Marks the token used; false when it was already used (a concurrent set-up got there first). */
export function consumeSetupToken(db: Pick<Db, "update">, token: string): boolean {
  const used = db
    .update(setupTokens)
    .set({ usedAt: new Date().toISOString() })
    .where(and(eq(setupTokens.tokenHash, hashToken(token)), isNull(setupTokens.usedAt)))
    .returning({ tokenHash: setupTokens.tokenHash })
    .all();
  return used.length === 1;
}
