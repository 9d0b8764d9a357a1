import type { Db } from "#db/connection";
import { program } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { canonicalTimeZone } from "~/time/zone";
import { updateVersioned } from "~/utils/concurrency.server";
import { getProgram } from "./settings.server";

/**
 * Sets the zone in which "today", quarter ends and "as of D" are read, against
 * the programme version the administrator saw (VersionConflictError when
 * someone changed the programme since), audited. Figures already published
 * keep their frozen days; every other page reads the new zone at once.
 */
export function saveTimeZone(db: Db, ctx: AuditContext, input: { timeZone: string; programVersion: number }) {
  return db.transaction((tx) => {
    const before = getProgram(tx);
    const timeZone = canonicalTimeZone(input.timeZone);
    const after = updateVersioned(tx, program, "programme", before.id, input.programVersion, { timeZone });
    writeAudit(tx, ctx, {
      action: "program.time_zone.update",
      entity: "program",
      entityId: after.id,
      before: { timeZone: before.timeZone },
      after: { timeZone: after.timeZone },
    });
    return after;
  });
}
