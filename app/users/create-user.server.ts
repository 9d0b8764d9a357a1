import { eq } from "drizzle-orm";
import type { Db, Tx } from "#db/connection";
import { users } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { hashPassword } from "~/auth/password.server";
import type { NewUser } from "./new-user-schema.server";

export class DuplicateEmailError extends Error {
  constructor(email: string) {
    super(`An account for ${email} already exists.`);
  }
}

/** Creates an account (already validated by NewUserSchema) and its audit event in one transaction. */

/** `alsoInTransaction` runs inside the same transaction (e.g. consuming a one-time set-up token). */
export async function createUser(db: Db, input: NewUser, ctx: AuditContext, alsoInTransaction?: (tx: Tx) => void) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction((tx) => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) throw new DuplicateEmailError(input.email);
    const now = new Date().toISOString();
    const user = tx
      .insert(users)
      .values({ email: input.email, name: input.name, role: input.role, passwordHash, passwordChangedAt: now, createdAt: now, updatedAt: now })
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role })
      .get();
    writeAudit(tx, ctx, { action: "user.create", entity: "user", entityId: user.id, after: user });
    alsoInTransaction?.(tx);
    return user;
  });
}
