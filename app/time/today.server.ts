import { DEFAULT_TIME_ZONE, program } from "#db/schema";
import type { Db } from "#db/connection";
import { getDb } from "~/db-connection.server";
import { dayIn } from "./zone";

/** The programme's time zone (the default zone before a programme exists, so "today" never jumps when one is created). */
export function programmeTimeZone(reader: Pick<Db, "select"> = getDb()): string {
  return reader.select({ timeZone: program.timeZone }).from(program).limit(1).get()?.timeZone ?? DEFAULT_TIME_ZONE;
}

/** Today's date in the programme's time zone: the default "as of" of every page. */
export function todayIso(reader: Pick<Db, "select"> = getDb()): string {
  return dayIn(new Date(), programmeTimeZone(reader));
}
