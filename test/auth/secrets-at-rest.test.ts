import { generateTOTP } from "@epic-web/totp";
import { eq } from "drizzle-orm";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { auditEvents, users } from "#db/schema";
import { backupDatabase } from "#db/backup";
import { beginMfaEnrolment, confirmMfaEnrolment, matchSecondFactor, pendingMfaEnrolment } from "~/auth/mfa.server";
import { keyIdOf, makeKeyring, openSecret, parseSecretKey, sealSecret, SecretKeyError } from "~/auth/secret-box.server";
import { getKeyring, loadKeyring } from "~/auth/secret-keys.server";
import { assertSecretsReadable, mfaSecretBinding, prepareSecretsAtRest } from "~/auth/secrets-at-rest.server";
import { generateTotpSecret, TOTP } from "~/auth/totp.server";
import { db } from "~/db.server";
import { makeUser } from "#test/support/factories";

const DB_FILE = process.env.DATABASE_PATH!;
const storedOf = (userId: number) => db.select({ s: users.mfaSecret }).from(users).where(eq(users.id, userId)).get()!.s!;

/** The bytes of the database file and its WAL, after writing every committed page into the file. */
function rawDatabaseBytes(): Buffer {
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  const wal = `${DB_FILE}-wal`;
  return Buffer.concat([fs.readFileSync(DB_FILE), fs.existsSync(wal) ? fs.readFileSync(wal) : Buffer.alloc(0)]);
}

/** A user enrolled in TOTP through the app; returns the seed their authenticator holds. */
async function enrolledUser() {
  const user = makeUser({ role: "ciso_office" });
  beginMfaEnrolment(user.id, { actorId: user.id });
  const { secret } = pendingMfaEnrolment(user.id)!;
  const code = (await generateTOTP({ secret, ...TOTP })).otp;
  expect(await confirmMfaEnrolment(user.id, code, "no-session", { actorId: user.id })).not.toBeNull();
  return { user, secret };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("TOTP secrets at rest", () => {
  it("are stored sealed: the raw database file and WAL hold no seed in plain text", async () => {
    const { user, secret } = await enrolledUser();
    expect(storedOf(user.id)).toMatch(/^sealed:v1:[0-9a-f]{12}:/);
    expect(storedOf(user.id)).not.toContain(secret);
    expect(rawDatabaseBytes().includes(secret)).toBe(false);
    // The same bytes do contain what is not secret, so the search itself can succeed.
    expect(rawDatabaseBytes().includes(user.email)).toBe(true);
  });

  it("still sign in: a code from the enrolled app matches", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const { user, secret } = await enrolledUser();
    vi.setSystemTime(Date.now() + TOTP.period * 1000);
    const code = (await generateTOTP({ secret, ...TOTP })).otp;
    expect(await matchSecondFactor(user.id, code, { allowRecoveryCode: false })).toMatchObject({ method: "totp" });
    expect(await matchSecondFactor(user.id, String((Number(code) + 1) % 1_000_000).padStart(6, "0"), { allowRecoveryCode: false })).toBeNull();
  });

  it("from before sealing are sealed in code at start-up, once, with the plain text scrubbed from the file", async () => {
    const legacy = makeUser({ role: "executive" });
    const seed = generateTotpSecret();
    // What a database from before this change holds: the seed as written by the old code.
    db.$client.prepare("update users set mfa_secret = ?, mfa_enabled_at = ? where id = ?").run(seed, new Date().toISOString(), legacy.id);
    expect(rawDatabaseBytes().includes(seed)).toBe(true);

    expect(prepareSecretsAtRest(db, getKeyring)).toEqual({ sealed: 1 });
    expect(storedOf(legacy.id)).toMatch(/^sealed:v1:/);
    expect(openSecret(getKeyring(), storedOf(legacy.id), mfaSecretBinding(legacy.id))).toBe(seed);
    expect(rawDatabaseBytes().includes(seed)).toBe(false);
    const sealedOnce = storedOf(legacy.id);
    expect(prepareSecretsAtRest(db, getKeyring)).toEqual({ sealed: 0 });
    expect(storedOf(legacy.id)).toBe(sealedOnce);
    const [event] = db.select().from(auditEvents).where(eq(auditEvents.action, "secrets.seal_plaintext")).all();
    expect(JSON.parse(event!.after!)).toEqual({ sealed: 1, keyId: getKeyring().current.id });
    expect(JSON.stringify(event)).not.toContain(seed);
    // The user's authenticator keeps working after the conversion.
    const code = (await generateTOTP({ secret: seed, ...TOTP })).otp;
    expect(await matchSecondFactor(legacy.id, code, { allowRecoveryCode: false })).toMatchObject({ method: "totp" });
  });

  it("are not in plain text in a backup", async () => {
    const { secret } = await enrolledUser();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rampart-secret-backup-"));
    try {
      const file = path.join(dir, "copy.db");
      await backupDatabase(db, file);
      const bytes = fs.readFileSync(file);
      expect(bytes.includes(secret)).toBe(false);
      expect(bytes.includes(Buffer.from("sealed:v1:"))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("with a wrong key stop start-up with a message naming the keys, not a silent MFA failure", async () => {
    await enrolledUser();
    const wrong = makeKeyring(crypto.randomBytes(32));
    expect(() => assertSecretsReadable(db, wrong)).toThrow(SecretKeyError);
    expect(() => assertSecretsReadable(db, wrong)).toThrow(
      new RegExp(`sealed with key ${getKeyring().current.id}.*configured keys are ${wrong.current.id}.*RAMPART_SECRET_KEY`),
    );
    expect(() => prepareSecretsAtRest(db, () => wrong)).toThrow(SecretKeyError);
    expect(() => assertSecretsReadable(db, getKeyring())).not.toThrow();
  });

  it("cannot be moved to another user's row", async () => {
    const { user } = await enrolledUser();
    const other = makeUser();
    expect(() => openSecret(getKeyring(), storedOf(user.id), mfaSecretBinding(other.id))).toThrow(/altered or copied/);
  });
});

describe("the secret key", () => {
  const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "rampart-key-"));

  it("is read from RAMPART_SECRET_KEY as base64 or hex, and a malformed one is refused by name", () => {
    const key = crypto.randomBytes(32);
    expect(keyIdOf(loadKeyring({ RAMPART_SECRET_KEY: key.toString("base64") }).keyring.current.key)).toBe(keyIdOf(key));
    expect(loadKeyring({ RAMPART_SECRET_KEY: key.toString("hex") }).keyring.current.key.equals(key)).toBe(true);
    expect(() => loadKeyring({ RAMPART_SECRET_KEY: crypto.randomBytes(16).toString("base64") })).toThrow(/RAMPART_SECRET_KEY must be 32 random bytes/);
    expect(() => loadKeyring({ RAMPART_SECRET_KEY: "hunter2!" })).toThrow(SecretKeyError);
    expect(() => loadKeyring({ RAMPART_SECRET_KEY: key.toString("hex"), RAMPART_SECRET_KEY_PREVIOUS: "short" })).toThrow(/RAMPART_SECRET_KEY_PREVIOUS/);
    expect(() => parseSecretKey(" \n", "X")).toThrow(/X must be/);
  });

  it("without one, is generated once into a 0600 file beside the database, with one line saying so", () => {
    const dir = tempDir();
    try {
      const env = { DATABASE_PATH: path.join(dir, "sub", "app.db"), NODE_ENV: "production", HOST: "127.0.0.1" };
      const lines: string[] = [];
      const first = loadKeyring(env, { generate: true, log: (l) => lines.push(l) });
      const file = path.join(dir, "sub", "secret.key");
      expect(first).toMatchObject({ source: "file", file, generated: true });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(file);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64")).toHaveLength(32);
      const again = loadKeyring(env, { generate: true, log: (l) => lines.push(l) });
      expect(again.generated).toBe(false);
      expect(again.keyring.current.id).toBe(first.keyring.current.id);
      expect(lines).toHaveLength(1);
      expect(() => loadKeyring({ ...env, DATABASE_PATH: path.join(dir, "other", "app.db") })).toThrow(/No secret key/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is required from the environment in production when the server listens beyond this machine", () => {
    const dir = tempDir();
    try {
      const env = { DATABASE_PATH: path.join(dir, "app.db"), NODE_ENV: "production", HOST: "0.0.0.0" };
      expect(() => loadKeyring(env, { generate: true })).toThrow(/RAMPART_SECRET_KEY is required in production when the server listens on 0\.0\.0\.0/);
      expect(fs.existsSync(path.join(dir, "secret.key"))).toBe(false);
      expect(loadKeyring({ ...env, RAMPART_SECRET_KEY: crypto.randomBytes(32).toString("base64") }).source).toBe("environment");
      expect(loadKeyring({ ...env, NODE_ENV: "development" }, { generate: true }).source).toBe("file");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("seals with a fresh nonce each time, and a value opens only under a key that is configured", () => {
    const a = makeKeyring(crypto.randomBytes(32));
    const b = makeKeyring(crypto.randomBytes(32), [a.current.key]);
    const one = sealSecret(a, "JBSWY3DPEHPK3PXP", "users.mfa_secret:1");
    expect(one).not.toBe(sealSecret(a, "JBSWY3DPEHPK3PXP", "users.mfa_secret:1"));
    expect(openSecret(b, one, "users.mfa_secret:1")).toBe("JBSWY3DPEHPK3PXP");
    expect(() => openSecret(makeKeyring(crypto.randomBytes(32)), one, "users.mfa_secret:1")).toThrow(/configured keys/);
    const tampered = one.slice(0, -2) + (one.endsWith("A") ? "BB" : "AA");
    expect(() => openSecret(a, tampered, "users.mfa_secret:1")).toThrow(SecretKeyError);
  });
});
