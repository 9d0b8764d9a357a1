import type { Db } from "#db/connection";
import { type AuditContext, writeAudit } from "~/audit/log.server";

/** Exports leave the building, so each is recorded with its filters and row count. */
export function auditExport(db: Db, ctx: AuditContext, entity: string, filters: Record<string, unknown>, rows: number) {
  db.transaction((tx) => writeAudit(tx, ctx, { action: `${entity}.export`, entity, after: { filters, rows } }));
}
