import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "./connection";

/**
 * Online backup through SQLite's backup API: consistent even while the
 * server is writing (WAL), unlike copying the file. The copy is then opened
 * and checked with `integrity_check` so a backup that would not restore is
 * reported at once, not on the day it is needed.
 */
export async function backupDatabase(db: Db, destination: string): Promise<{ bytes: number; tables: Record<string, number> }> {
  if (fs.existsSync(destination)) throw new Error(`${destination} already exists; choose a new file name.`);
  fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
  await db.$client.backup(destination);
  return { bytes: fs.statSync(destination).size, tables: verifyDatabaseFile(destination) };
}

/** Opens a database file read-only, checks its integrity and returns row counts per table. */
export function verifyDatabaseFile(file: string): Record<string, number> {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = copy.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new Error(`${file} fails SQLite's integrity check: ${String(check)}`);
    const tables = copy.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as Array<{
      name: string;
    }>;
    return Object.fromEntries(tables.map(({ name }) => [name, (copy.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n]));
  } finally {
    copy.close();
  }
}

/**
 * Replaces the database file with a verified backup. Run it with the server
 * stopped: the live file and its WAL are moved aside (kept as *.before-restore)
 * rather than deleted, so a mistaken restore can itself be undone.
 */
export function restoreDatabase(backup: string, target: string): Record<string, number> {
  const tables = verifyDatabaseFile(backup);
  if (!("__drizzle_migrations" in tables) || !("audit_events" in tables)) throw new Error(`${backup} is not a Rampart database.`);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  for (const suffix of ["", "-wal", "-shm"]) {
    if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, `${target}${suffix}.before-restore-${stamp}`);
  }
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  fs.copyFileSync(backup, target);
  return tables;
}
