import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A transaction handle, as `db.transaction((tx) => …)` passes it: the one type every module uses. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export const DEFAULT_DATABASE_PATH = "data/rampart.db";

/**
 * Opens the SQLite file with the settings every connection must share:
 * WAL for concurrent readers, enforced foreign keys, a busy timeout instead
 * of immediate SQLITE_BUSY, and synchronous=FULL so a commit survives power loss.
 */
export function openDatabase(file: string = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = FULL");
  const db = drizzle(sqlite, { schema }) as Db;
  // Write transactions take the write lock when they begin (BEGIN IMMEDIATE), waiting up to the busy timeout for it.
  // A deferred one that read first and then wrote after another connection (the background thread, a CLI import)
  // committed would fail at once with SQLITE_BUSY: SQLite cannot upgrade a stale read snapshot, nor wait for it.
  const transaction = db.transaction.bind(db);
  db.transaction = ((run, config) => transaction(run, { behavior: "immediate", ...config })) as Db["transaction"];
  return db;
}

export { schema };
