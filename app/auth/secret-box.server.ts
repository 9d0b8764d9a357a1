import crypto from "node:crypto";

/**
 * Secrets we must read back (TOTP seeds) are sealed with AES-256-GCM under a
 * key that lives outside the database (decision 010), so a copied database
 * file or backup holds no usable secret. The stored value names the key that
 * sealed it, so a new key can be introduced while the old one still opens
 * what it sealed, and `secrets:rotate` re-seals everything with the new one:
 *
 *   sealed:v1:<key id>:<nonce, base64url>:<ciphertext and tag, base64url>
 *
 * Each value is bound to where it is stored (e.g. `users.mfa_secret:42`) as
 * additional authenticated data: a sealed secret copied onto another row
 * fails to open instead of becoming that user's secret.
 */
export const SEALED_PREFIX = "sealed:v1:";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A missing, malformed or wrong key: the message says which and what to do; never a silent failure later. */
export class SecretKeyError extends Error {}

export type SecretKey = { id: string; key: Buffer };
export type Keyring = { current: SecretKey; previous: SecretKey[] };

/** A short public fingerprint of a key, stored beside each value; it reveals nothing usable about the key. */
export function keyIdOf(key: Buffer): string {
  return crypto.createHash("sha256").update("rampart secret key id\0").update(key).digest("hex").slice(0, 12);
}

/** 32 bytes written as 64 hex digits or as base64 (what `openssl rand -base64 32` prints). */
export function parseSecretKey(text: string, name: string): Buffer {
  const value = text.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) ? Buffer.from(value, "base64") : null;
  if (!bytes || bytes.length !== 32) {
    throw new SecretKeyError(`${name} must be 32 random bytes written as base64 or 64 hex digits (e.g. the output of \`openssl rand -base64 32\`).`);
  }
  return bytes;
}

export function makeKeyring(current: Buffer, previous: Buffer[] = []): Keyring {
  const currentKey = { id: keyIdOf(current), key: current };
  return { current: currentKey, previous: previous.map((key) => ({ id: keyIdOf(key), key })).filter((k) => k.id !== currentKey.id) };
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(SEALED_PREFIX);
}

/** The id of the key that sealed a value, or null when the value is not sealed. */
export function sealedKeyId(stored: string): string | null {
  return isSealed(stored) ? (stored.slice(SEALED_PREFIX.length).split(":")[0] ?? null) : null;
}

export function sealSecret(keyring: Keyring, plaintext: string, boundTo: string): string {
  const nonce = crypto.randomBytes(NONCE_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyring.current.key, nonce);
  cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${SEALED_PREFIX}${keyring.current.id}:${nonce.toString("base64url")}:${body.toString("base64url")}`;
}

export function openSecret(keyring: Keyring, stored: string, boundTo: string): string {
  const [keyId, nonce, body] = isSealed(stored) ? stored.slice(SEALED_PREFIX.length).split(":") : [];
  if (!keyId || !nonce || !body) throw new SecretKeyError(`The secret stored for ${boundTo} is not sealed; run \`npm run cli -- db:migrate\` to seal it.`);
  const key = [keyring.current, ...keyring.previous].find((k) => k.id === keyId);
  if (!key) throw new SecretKeyError(unknownKeyMessage([keyId], keyring));
  const bytes = Buffer.from(body, "base64url");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key.key, Buffer.from(nonce, "base64url"));
    decipher.setAAD(Buffer.from(boundTo, "utf8"));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretKeyError(`The secret stored for ${boundTo} does not open with key ${keyId}: it was altered or copied from another row.`);
  }
}

/** Why secrets sealed under these key ids cannot be read, and how to fix it. */
export function unknownKeyMessage(keyIds: string[], keyring: Keyring): string {
  const have = [keyring.current, ...keyring.previous].map((k) => k.id).join(", ");
  return (
    `Stored secrets were sealed with key ${keyIds.join(", ")}, but the configured keys are ${have}. ` +
    "Set RAMPART_SECRET_KEY (or RAMPART_SECRET_KEY_PREVIOUS, during a rotation) to the key that sealed them; " +
    "a different key cannot read them, and two-step sign-in would fail for every enrolled user."
  );
}
