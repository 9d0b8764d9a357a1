import type { Db } from "#db/connection";
import { programmeTimeZone } from "~/time/today.server";
import { endOfDay } from "~/time/zone";

/**
 * The instant that closes day `day` in the programme's time zone: "as of D"
 * means what the data said then. Pass it to `inForceAt` for effective-dated
 * tables; dated facts (an invoice date, an assessment date) compare their
 * date with D directly.
 */
export function asOfInstant(db: Pick<Db, "select">, day: string): string {
  return endOfDay(day, programmeTimeZone(db));
}
