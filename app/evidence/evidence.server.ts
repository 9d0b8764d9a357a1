import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "#db/connection";
import { evidence, users } from "#db/schema";
import type { EvidenceParentKind, EVIDENCE_FILE_TYPES } from "#db/schema/evidence";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import {
  currentEvidenceWhere,
  type EvidenceCurrency,
  evidenceCurrency,
  expiredEvidenceWhere,
  expiringEvidenceWhere,
  liveEvidenceWhere,
} from "~/figures/obligations-evidence.server";
import { asOfInstant } from "~/history/as-of.server";
import { findEvidenceParent } from "./parents.server";
import type { REGISTER_STATES } from "./register-filters";
import type { EvidenceFields } from "./schemas";
import type { UploadedFile } from "./upload.server";

export type EvidenceRow = typeof evidence.$inferSelect;
type Reader = Pick<Db, "select">;
const uploader = alias(users, "uploader");

/** A new version names a row that already has a newer one. */
export class EvidenceSupersededError extends Error {
  constructor(readonly currentId: number | null) {
    super("This evidence has already been replaced by a newer version: add your file to the newest one.");
    this.name = "EvidenceSupersededError";
  }
}

/** The newer version of a row, if one was uploaded. */
export function successorOf(db: Reader, id: number): EvidenceRow | null {
  return db.select().from(evidence).where(eq(evidence.previousId, id)).get() ?? null;
}

/**
 * Records an uploaded file as evidence (or as a new version of `previousId`),
 * with an audit event that carries its SHA-256, in one transaction.
 */
export function recordEvidence(
  db: Db,
  ctx: AuditContext & { actorId: number },
  input: { parentKind: EvidenceParentKind; parentId: number; previousId: number | null; fields: EvidenceFields; file: UploadedFile },
): EvidenceRow {
  return db.transaction((tx) => {
    if (input.previousId !== null) {
      const newer = successorOf(tx, input.previousId);
      if (newer) throw new EvidenceSupersededError(newer.id);
    }
    const row = tx
      .insert(evidence)
      .values({
        parentKind: input.parentKind,
        parentId: input.parentId,
        title: input.fields.title,
        description: input.fields.description,
        evidenceDate: input.fields.evidenceDate,
        expiresOn: input.fields.expiresOn,
        fileName: input.file.fileName,
        fileType: input.file.fileType,
        sizeBytes: input.file.size,
        sha256: input.file.sha256,
        uploadedById: ctx.actorId,
        uploadedAt: new Date().toISOString(),
        previousId: input.previousId,
      })
      .returning()
      .get();
    const { description: _d, uploadedAt: _u, ...audited } = row;
    writeAudit(tx, ctx, { action: input.previousId === null ? "evidence.upload" : "evidence.version", entity: "evidence", entityId: row.id, after: audited });
    return row;
  });
}

/** Whether any row still refers to a stored file (a file no row names may be removed after a failed write). */
export function isFileReferenced(db: Reader, sha256: string): boolean {
  return Boolean(db.select({ id: evidence.id }).from(evidence).where(eq(evidence.sha256, sha256)).limit(1).get());
}

export type EvidenceItem = EvidenceRow & { uploaderName: string | null; currency: EvidenceCurrency; versions: number };

/** The live evidence of one parent as of D, newest evidence date first, with each row's currency and version count. */
export function evidenceOf(db: Reader, kind: EvidenceParentKind, parentId: number, asOf: string): EvidenceItem[] {
  const until = asOfInstant(db, asOf);
  const rows = db
    .select({ e: evidence, uploaderName: uploader.name })
    .from(evidence)
    .leftJoin(uploader, eq(uploader.id, evidence.uploadedById))
    .where(and(eq(evidence.parentKind, kind), eq(evidence.parentId, parentId), liveEvidenceWhere(until)))
    .orderBy(desc(evidence.evidenceDate), desc(evidence.id))
    .all();
  return rows.map(({ e, uploaderName }) => ({ ...e, uploaderName, currency: evidenceCurrency(e, asOf), versions: versionChain(db, e).length }));
}

/** Every version of the evidence `row` belongs to, oldest first. */
export function versionChain(db: Reader, row: EvidenceRow): EvidenceRow[] {
  const chain: EvidenceRow[] = [row];
  // Version chains are short (a renewal a year); each step is one indexed lookup.
  for (let at = row; at.previousId !== null;) {
    const previous = db.select().from(evidence).where(eq(evidence.id, at.previousId)).get();
    if (!previous) break;
    chain.unshift(previous);
    at = previous;
  }
  for (let next = successorOf(db, row.id); next; next = successorOf(db, next.id)) chain.push(next);
  return chain;
}

export function findEvidence(db: Reader, id: number): (EvidenceRow & { uploaderName: string | null }) | null {
  const found = db
    .select({ e: evidence, uploaderName: uploader.name })
    .from(evidence)
    .leftJoin(uploader, eq(uploader.id, evidence.uploadedById))
    .where(eq(evidence.id, id))
    .get();
  return found ? { ...found.e, uploaderName: found.uploaderName } : null;
}

export type RegisterFilters = {
  parentKind?: EvidenceParentKind;
  state?: (typeof REGISTER_STATES)[number];
  fileType?: (typeof EVIDENCE_FILE_TYPES)[number];
};
export const REGISTER_PAGE_SIZE = 50;

function registerWhere(db: Reader, filters: RegisterFilters, asOf: string): SQL {
  const where: SQL[] = [liveEvidenceWhere(asOfInstant(db, asOf))];
  if (filters.parentKind) where.push(eq(evidence.parentKind, filters.parentKind));
  if (filters.fileType) where.push(eq(evidence.fileType, filters.fileType));
  if (filters.state === "current") where.push(currentEvidenceWhere(asOf));
  if (filters.state === "expiring") where.push(expiringEvidenceWhere(asOf));
  if (filters.state === "expired") where.push(expiredEvidenceWhere(asOf));
  return and(...where)!;
}

/** The evidence register: live versions as of D matching the filters, a page at a time (offset on a stable order), with each row's parent. */
export function evidenceRegister(db: Reader, filters: RegisterFilters, asOf: string, page: { offset: number; limit: number }) {
  const where = registerWhere(db, filters, asOf);
  const total = db.select({ n: count() }).from(evidence).where(where).get()?.n ?? 0;
  const rows = db
    .select({ e: evidence, uploaderName: uploader.name })
    .from(evidence)
    .leftJoin(uploader, eq(uploader.id, evidence.uploadedById))
    .where(where)
    .orderBy(desc(evidence.evidenceDate), desc(evidence.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  return {
    total,
    rows: rows.map(({ e, uploaderName }) => {
      const parent = findEvidenceParent(db, e.parentKind, e.parentId);
      return { ...e, uploaderName, currency: evidenceCurrency(e, asOf), parentLabel: parent?.label ?? "—", parentHref: parent?.href ?? null };
    }),
  };
}
