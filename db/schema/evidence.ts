import { sql } from "drizzle-orm";
import { type AnySQLiteColumn, check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { id, sqlList } from "./columns";

/**
 * What evidence can be attached to. A consent-decree measure is an obligation
 * of kind `measure`, so it is an `obligation` parent. The parent is named by
 * kind and id rather than one foreign key per kind: evidence outlives nothing
 * it proves (parents are never deleted while it exists, see
 * app/evidence/parents.server.ts), and one column pair keeps the register one query.
 */
export const EVIDENCE_PARENT_KINDS = ["obligation", "deliverable", "milestone", "risk_acceptance", "board_report"] as const;
export type EvidenceParentKind = (typeof EVIDENCE_PARENT_KINDS)[number];

export const EVIDENCE_FILE_TYPES = ["pdf", "docx", "xlsx", "pptx", "ole", "zip", "png", "jpeg", "gif", "webp", "tiff", "csv", "text"] as const;

/**
 * One evidence file and what it shows. Rows are never updated: a new version
 * is a new row whose `previous_id` names the one it replaces (at most one
 * successor each), so every version and its hash stay readable. The file is
 * stored under its SHA-256 (app/evidence/storage/).
 */
export const evidence = sqliteTable(
  "evidence",
  {
    id: id(),
    parentKind: text("parent_kind", { enum: EVIDENCE_PARENT_KINDS }).notNull(),
    parentId: integer("parent_id").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    // The day the evidence speaks for (a scan's date, a report's date), not the upload day.
    evidenceDate: text("evidence_date").notNull(),
    // Evidence that must be renewed (an annual assessment) stops counting on this day.
    expiresOn: text("expires_on"),
    fileName: text("file_name").notNull(),
    fileType: text("file_type", { enum: EVIDENCE_FILE_TYPES }).notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    uploadedById: integer("uploaded_by_id")
      .notNull()
      .references(() => users.id),
    uploadedAt: text("uploaded_at").notNull(),
    previousId: integer("previous_id").references((): AnySQLiteColumn => evidence.id),
  },
  (t) => [
    index("evidence_parent_idx").on(t.parentKind, t.parentId),
    index("evidence_sha256_idx").on(t.sha256),
    index("evidence_expires_idx").on(t.expiresOn),
    index("evidence_uploaded_by_idx").on(t.uploadedById),
    uniqueIndex("evidence_previous_unique").on(t.previousId),
    check("evidence_parent_kind_check", sql`${t.parentKind} in (${sqlList(EVIDENCE_PARENT_KINDS)})`),
    check("evidence_file_type_check", sql`${t.fileType} in (${sqlList(EVIDENCE_FILE_TYPES)})`),
    check("evidence_size_check", sql`${t.sizeBytes} > 0`),
    check("evidence_sha256_check", sql`length(${t.sha256}) = 64`),
    check("evidence_expiry_check", sql`${t.expiresOn} is null or ${t.expiresOn} > ${t.evidenceDate}`),
  ],
);
