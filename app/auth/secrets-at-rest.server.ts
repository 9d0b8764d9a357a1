import { eq, isNotNull } from "drizzle-orm";
import type { Db } from "#db/connection";
import { users } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { isSealed, type Keyring, openSecret, sealedKeyId, sealSecret, SecretKeyError, unknownKeyMessage } from "./secret-box.server";

/** What a TOTP seed is bound to when sealed: its row, so it cannot be moved to another user. */
export const mfaSecretBinding = (userId: number) => `users.mfa_secret:${userId}`;

type StoredSecret = { userId: number; stored: string };

// Every column holding a secret we must read back. Hashed tokens (sessions, API tokens, recovery codes, links) are not here: they stay hashed.
function storedSecrets(conn: Pick<Db, "select">): StoredSecret[] {
  return conn
    .select({ userId: users.id, stored: users.mfaSecret })
    .from(users)
    .where(isNotNull(users.mfaSecret))
    .all()
    .map((r) => ({ userId: r.userId, stored: r.stored! }));
}

function writeSecret(tx: Pick<Db, "update">, s: StoredSecret, value: string) {
  tx.update(users).set({ mfaSecret: value }).where(eq(users.id, s.userId)).run();
}

/**
 * Runs `change` with SQLite's secure_delete on, then checkpoints and empties
 * the WAL: the plain or old-key values it replaces are zeroed in the file
 * instead of lingering in free space or in WAL frames.
 */
function scrubbing<T>(db: Db, change: () => T): T {
  const before = db.$client.pragma("secure_delete", { simple: true });
  db.$client.pragma("secure_delete = ON");
  try {
    return change();
  } finally {
    db.$client.pragma(`secure_delete = ${Number(before) ? "ON" : "OFF"}`);
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
  }
}

/**
 * Seals every secret still stored in plain text (databases from before
 * secrets were encrypted). Idempotent: sealed values are left alone. SQL
 * cannot encrypt, so this runs in code at start-up and on `db:migrate`.
 */
export function sealPlaintextSecrets(db: Db, keyring: () => Keyring): number {
  const plain = storedSecrets(db).filter((s) => !isSealed(s.stored));
  if (plain.length === 0) return 0;
  const ring = keyring();
  return scrubbing(db, () =>
    db.transaction((tx) => {
      for (const s of plain) writeSecret(tx, s, sealSecret(ring, s.stored, mfaSecretBinding(s.userId)));
      writeAudit(
        tx,
        { actorId: null, requestId: "startup" },
        { action: "secrets.seal_plaintext", entity: "secrets", after: { sealed: plain.length, keyId: ring.current.id } },
      );
      return plain.length;
    }),
  );
}

/** Throws a SecretKeyError naming the keys needed when any stored secret does not open with the configured keys. */
export function assertSecretsReadable(db: Pick<Db, "select">, keyring: Keyring) {
  const known = new Set([keyring.current.id, ...keyring.previous.map((k) => k.id)]);
  const secrets = storedSecrets(db);
  const unknown = [...new Set(secrets.map((s) => sealedKeyId(s.stored) ?? "none").filter((id) => !known.has(id)))];
  if (unknown.length) throw new SecretKeyError(unknownKeyMessage(unknown, keyring));
  // The ids match; a key with a colliding id or a tampered value still fails here rather than at someone's next sign-in.
  for (const s of secrets) openSecret(keyring, s.stored, mfaSecretBinding(s.userId));
}

/**
 * Start-up and `db:migrate`: seal plain-text secrets, then prove every
 * stored secret opens. The keyring is asked for only when secrets exist, so
 * a database without any needs no key.
 */
export function prepareSecretsAtRest(db: Db, keyring: () => Keyring): { sealed: number } {
  const sealed = sealPlaintextSecrets(db, keyring);
  if (storedSecrets(db).length) assertSecretsReadable(db, keyring());
  return { sealed };
}

/**
 * Re-seals every secret not yet under the current key, in one transaction,
 * audited with counts and key ids only. Run with the new key as
 * RAMPART_SECRET_KEY and the old one as RAMPART_SECRET_KEY_PREVIOUS.
 */
export function rotateSecrets(db: Db, keyring: Keyring, ctx: AuditContext): { resealed: number; alreadyCurrent: number; fromKeys: Record<string, number> } {
  assertSecretsReadable(db, keyring);
  return scrubbing(db, () =>
    db.transaction((tx) => {
      const secrets = storedSecrets(tx);
      const stale = secrets.filter((s) => sealedKeyId(s.stored) !== keyring.current.id);
      const fromKeys: Record<string, number> = {};
      for (const s of stale) {
        const from = sealedKeyId(s.stored)!;
        fromKeys[from] = (fromKeys[from] ?? 0) + 1;
        const binding = mfaSecretBinding(s.userId);
        writeSecret(tx, s, sealSecret(keyring, openSecret(keyring, s.stored, binding), binding));
      }
      const result = { resealed: stale.length, alreadyCurrent: secrets.length - stale.length, fromKeys };
      writeAudit(tx, ctx, { action: "secrets.rotate", entity: "secrets", after: { ...result, keyId: keyring.current.id } });
      return result;
    }),
  );
}
