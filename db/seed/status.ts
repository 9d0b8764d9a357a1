import { sql } from "drizzle-orm";
import type { Db } from "../connection";

/** Empty means no programme and no users: safe to load the demo into. */
export function isDatabaseEmpty(db: Db): boolean {
  const row = db.get<{ n: number }>(sql`select (select count(*) from program) + (select count(*) from users) as n`);
  return row.n === 0;
}
