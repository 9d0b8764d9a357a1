import { DEFAULT_TIME_ZONE } from "#db/schema";
import { dayIn } from "~/time/zone";

/**
 * Today in the time zone of every programme the tests create (the column's
 * default, also the demo's), so a test's "today" is the application's,
 * whatever the hour in UTC.
 */
export const TODAY = dayIn(new Date(), DEFAULT_TIME_ZONE);

/** The day `n` days from TODAY (negative for the past). */
export const inDays = (n: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
