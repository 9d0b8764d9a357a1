import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_DATABASE_PATH } from "#db/connection";
import { type Keyring, makeKeyring, parseSecretKey, SecretKeyError } from "./secret-box.server";

/**
 * Where the key that seals stored secrets comes from: RAMPART_SECRET_KEY
 * (with RAMPART_SECRET_KEY_PREVIOUS during a rotation) or, on a machine
 * without one, a key file beside the database that the first start writes.
 * A server reachable from other machines in production must be given the
 * key: a key file sits on the same disk as the database it protects.
 */
export const KEY_FILE_NAME = "secret.key";

type KeyEnv = Partial<Record<"RAMPART_SECRET_KEY" | "RAMPART_SECRET_KEY_PREVIOUS" | "DATABASE_PATH" | "NODE_ENV" | "HOST", string>>;
export type LoadedKeyring = { keyring: Keyring; source: "environment" | "file"; file: string | null; generated: boolean };

export function keyFilePath(databasePath: string): string {
  return path.join(path.dirname(path.resolve(databasePath)), KEY_FILE_NAME);
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
/** True when the environment must supply the key rather than a file (production, listening beyond this machine). */
export function keyRequiredFromEnvironment(env: KeyEnv): boolean {
  return env.NODE_ENV === "production" && !LOOPBACK.has(env.HOST ?? "127.0.0.1");
}

function previousKeys(env: KeyEnv): Buffer[] {
  return (env.RAMPART_SECRET_KEY_PREVIOUS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s, i) => parseSecretKey(s, `RAMPART_SECRET_KEY_PREVIOUS (key ${i + 1})`));
}

/**
 * Reads the keys. With `generate`, a missing key file is created (32 random
 * bytes, base64, mode 0600) and `log` is told in one line; without it, a
 * missing key is an error naming what to set.
 */
export function loadKeyring(env: KeyEnv, options: { generate?: boolean; log?: (line: string) => void } = {}): LoadedKeyring {
  if (env.RAMPART_SECRET_KEY) {
    return {
      keyring: makeKeyring(parseSecretKey(env.RAMPART_SECRET_KEY, "RAMPART_SECRET_KEY"), previousKeys(env)),
      source: "environment",
      file: null,
      generated: false,
    };
  }
  if (keyRequiredFromEnvironment(env)) {
    throw new SecretKeyError(
      `RAMPART_SECRET_KEY is required in production when the server listens on ${env.HOST} (generate one with \`openssl rand -base64 32\` and keep it outside the database's disk and backups).`,
    );
  }
  const file = keyFilePath(env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
  let generated = false;
  if (!fs.existsSync(file)) {
    if (!options.generate) throw new SecretKeyError(`No secret key: set RAMPART_SECRET_KEY, or start the server once to write ${file}.`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      // "wx": never overwrite a key another process wrote a moment ago; losing a key loses every secret it sealed.
      fs.writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
      generated = true;
      options.log?.(`Generated a secret key for stored secrets in ${file} (mode 0600); keep it out of backups, or set RAMPART_SECRET_KEY instead.`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const key = parseSecretKey(fs.readFileSync(file, "utf8"), file);
  return { keyring: makeKeyring(key, previousKeys(env)), source: "file", file, generated };
}

// One keyring per process, shared by the server build and modules loaded beside it (like the database handle).
const globalForKeys = globalThis as unknown as { __rampartKeyring?: Keyring };

/**
 * The app's keyring, from the process environment. Outside production a
 * missing key file is generated (the dev server and tests start without
 * `npm start`); in production `npm start` has written it before serving.
 */
export function getKeyring(): Keyring {
  return (globalForKeys.__rampartKeyring ??= loadKeyring(process.env, {
    generate: process.env.NODE_ENV !== "production",
    log: (line) => console.log(line),
  }).keyring);
}
