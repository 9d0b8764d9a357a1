import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "#db/connection";
import { program, settingHistory, settings } from "#db/schema";
import { VersionConflictError } from "~/utils/concurrency.server";
import { SETTINGS, type SettingKey, type SettingValue } from "./schemas";

/** A settings document, validated; the default when it has never been saved. */
export function getSetting<K extends SettingKey>(db: Pick<Db, "select">, key: K): SettingValue<K> {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get();
  if (!row) return SETTINGS[key].defaults as SettingValue<K>;
  return SETTINGS[key].schema.parse(JSON.parse(row.value)) as SettingValue<K>;
}

/**
 * A settings document with the version an edit form must send back. A
 * document never saved has version 0: the first save inserts it.
 */
export function getSettingWithVersion<K extends SettingKey>(db: Pick<Db, "select">, key: K): { value: SettingValue<K>; version: number } {
  const row = db.select({ version: settings.version }).from(settings).where(eq(settings.key, key)).get();
  return { value: getSetting(db, key), version: row?.version ?? 0 };
}

/**
 * Saves a settings document against the version the editor saw. Throws
 * VersionConflictError (carrying the stored document) when someone else
 * saved it first, including a concurrent first save.
 */
export function saveSetting<K extends SettingKey>(tx: Tx | Db, key: K, value: SettingValue<K>, expectedVersion: number): { version: number } {
  const json = JSON.stringify(SETTINGS[key].schema.parse(value));
  const now = new Date().toISOString();
  const saved =
    expectedVersion === 0
      ? tx.insert(settings).values({ key, value: json }).onConflictDoNothing().returning({ version: settings.version }).all()
      : tx
          .update(settings)
          .set({ value: json, version: sql`${settings.version} + 1`, updatedAt: now })
          .where(and(eq(settings.key, key), eq(settings.version, expectedVersion)))
          .returning({ version: settings.version })
          .all();
  if (saved[0]) {
    recordSettingVersion(tx, key, json);
    return saved[0];
  }
  const current = tx.select().from(settings).where(eq(settings.key, key)).get();
  throw new VersionConflictError("setting", current ?? { key, version: 0 });
}

export function getProgram(db: Pick<Db, "select">) {
  const row = db.select().from(program).limit(1).get();
  if (!row) throw new Error("No programme in the database: run `npm run cli -- db:seed-demo` or create one.");
  return row;
}

/** Keys of setting_history: the settings documents and the programme's risk appetite. */
export type HistoryKey = SettingKey | "risk_appetite";

/**
 * Closes the version of `key` in force and opens one holding `json` from `at`
 * (now by default; the demo seed passes in-story instants), in the caller's
 * transaction, so thresholds, matrix, tiers and appetite can be read as of
 * any day (app/figures/settings.server.ts). An unchanged value writes nothing.
 */
export function recordSettingVersion(tx: Pick<Tx | Db, "select" | "insert" | "update">, key: HistoryKey, json: string, at: string = new Date().toISOString()) {
  const open = and(eq(settingHistory.key, key), isNull(settingHistory.validTo));
  const current = tx.select({ value: settingHistory.value }).from(settingHistory).where(open).get();
  if (current?.value === json) return;
  if (current) tx.update(settingHistory).set({ validTo: at }).where(open).run();
  tx.insert(settingHistory).values({ key, value: json, validFrom: at, validTo: null }).run();
}
