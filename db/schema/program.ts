import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { id, sqlList, timestamps, validity, version } from "./columns";
import { RISK_LEVELS } from "./enums";

/** The zone a programme starts in until an administrator sets its own (the demo company's headquarters). */
export const DEFAULT_TIME_ZONE = "America/Los_Angeles";

/** The one programme this installation governs (see docs/decisions/002-single-program.md). */
export const program = sqliteTable(
  "program",
  {
    id: id(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    startFiscalYear: integer("start_fiscal_year").notNull(),
    endFiscalYear: integer("end_fiscal_year").notNull(),
    currency: text("currency").notNull().default("USD"),
    fiscalYearStartMonth: integer("fiscal_year_start_month").notNull().default(1),
    riskAppetite: text("risk_appetite", { enum: RISK_LEVELS }).notNull().default("medium"),
    // IANA zone in which "today", quarter ends and "as of D" are read (D ends at midnight there, not in UTC).
    timeZone: text("time_zone").notNull().default(DEFAULT_TIME_ZONE),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    check("program_fy_month_check", sql`${t.fiscalYearStartMonth} between 1 and 12`),
    check("program_years_check", sql`${t.endFiscalYear} >= ${t.startFiscalYear}`),
    check("program_appetite_check", sql`${t.riskAppetite} in (${sqlList(RISK_LEVELS)})`),
  ],
);

/**
 * Typed settings documents (RAG thresholds, risk matrix, CSF target tiers),
 * each a JSON value validated by its zod schema in app/settings.
 */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  ...timestamps(),
  version: version(),
});

/**
 * Every settings document as it was, version by version, and the programme's
 * risk appetite under the key `risk_appetite` (its value the level as a JSON
 * string): the thresholds, matrix, tiers and appetite in force at the end of
 * any day can be read back (app/figures/settings.server.ts).
 */
export const settingHistory = sqliteTable(
  "setting_history",
  {
    id: id(),
    key: text("key").notNull(),
    value: text("value").notNull(),
    ...validity(),
  },
  (t) => [index("setting_history_key_idx").on(t.key, t.validFrom), index("setting_history_valid_to_idx").on(t.validTo)],
);
