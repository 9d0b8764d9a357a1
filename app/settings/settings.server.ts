import { eq } from "drizzle-orm";
import type { Db } from "#db/connection";
import { program, settings } from "#db/schema";
import { SETTINGS, type SettingKey, type SettingValue } from "./schemas";

/** A settings document, validated; the default when it has never been saved. */
export function getSetting<K extends SettingKey>(db: Pick<Db, "select">, key: K): SettingValue<K> {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get();
  if (!row) return SETTINGS[key].defaults as SettingValue<K>;
  return SETTINGS[key].schema.parse(JSON.parse(row.value)) as SettingValue<K>;
}

export function getProgram(db: Pick<Db, "select">) {
  const row = db.select().from(program).limit(1).get();
  if (!row) throw new Error("No programme in the database: run `npm run cli -- db:seed-demo` or create one.");
  return row;
}
