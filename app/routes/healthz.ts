import { sql } from "drizzle-orm";
import { defineAccess } from "~/auth/access";
import { db } from "~/db.server";

export const access = defineAccess({ loader: "public" });

/** Liveness and database status for load balancers; reveals no data. */
export async function loader() {
  try {
    const journal = db.$client.pragma("journal_mode", { simple: true });
    db.get(sql`select 1`);
    return Response.json({ status: "ok", database: { status: "ok", journalMode: journal } }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "error", database: { status: "unavailable" } }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
