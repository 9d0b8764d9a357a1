import { and, asc, eq } from "drizzle-orm";
import type { Db } from "#db/connection";
import { program, settingHistory } from "#db/schema";
import type { RiskLevel } from "#db/schema/enums";
import { RISK_LEVELS } from "#db/schema/enums";
import { asOfInstant } from "~/history/as-of.server";
import { inForceAt } from "~/history/versions.server";
import { SETTINGS, type SettingKey, type SettingValue } from "~/settings/schemas";

type Reader = Pick<Db, "select">;

function valueInForce(db: Reader, key: string, at: string): string | undefined {
  return db
    .select({ value: settingHistory.value })
    .from(settingHistory)
    .where(and(eq(settingHistory.key, key), inForceAt(settingHistory, at)))
    .get()?.value;
}

/**
 * A settings document as it was at the end of `day` (programme time zone):
 * the version in force then, or the default when none had been saved yet
 * (the defaults are what applied before the first save).
 */
export function getSettingAsOf<K extends SettingKey>(db: Reader, key: K, day: string): SettingValue<K> {
  const json = valueInForce(db, key, asOfInstant(db, day));
  if (json === undefined) return SETTINGS[key].defaults as SettingValue<K>;
  return SETTINGS[key].schema.parse(JSON.parse(json)) as SettingValue<K>;
}

/**
 * The programme's risk appetite at the end of `day`. Before its first
 * recorded version the programme had the appetite it was created with: the
 * earliest recorded one, or the live column when it was never changed.
 */
export function appetiteAsOf(db: Reader, day: string): RiskLevel {
  const json =
    valueInForce(db, "risk_appetite", asOfInstant(db, day)) ??
    db
      .select({ value: settingHistory.value })
      .from(settingHistory)
      .where(eq(settingHistory.key, "risk_appetite"))
      .orderBy(asc(settingHistory.validFrom))
      .limit(1)
      .get()?.value;
  const parsed = json === undefined ? undefined : (JSON.parse(json) as unknown);
  if (typeof parsed === "string" && (RISK_LEVELS as readonly string[]).includes(parsed)) return parsed as RiskLevel;
  const live = db.select({ appetite: program.riskAppetite }).from(program).limit(1).get();
  if (!live) throw new Error("No programme in the database: run `npm run cli -- db:seed-demo` or create one.");
  return live.appetite;
}
