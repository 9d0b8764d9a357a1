import { eq } from "drizzle-orm";
import type { Db } from "#db/connection";
import { obligations } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { updateVersioned } from "~/utils/concurrency.server";
import type { ObligationUpdate } from "./update-schema";

/** Status and evidence notes, versioned and audited in one transaction (VersionConflictError when stale). */
export function updateObligation(db: Db, ctx: AuditContext, id: number, input: ObligationUpdate) {
  return db.transaction((tx) => {
    const before = tx.select().from(obligations).where(eq(obligations.id, id)).get();
    const after = updateVersioned(tx, obligations, "obligation", id, input.version, { status: input.status, evidenceNotes: input.evidenceNotes });
    writeAudit(tx, ctx, {
      action: "obligation.update",
      entity: "obligation",
      entityId: id,
      before: before ? { status: before.status, evidenceNotes: before.evidenceNotes, version: before.version } : null,
      after: { status: after.status, evidenceNotes: after.evidenceNotes, version: after.version },
    });
    return after;
  });
}
