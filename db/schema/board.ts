import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { id, sqlList, timestamps, version } from "./columns";
import { BOARD_REPORT_STATES } from "./enums";

/**
 * A quarterly board report. Until approval its figures are computed live;
 * approving freezes them into `snapshot` (canonical JSON) beside the narrative,
 * approver and approval time, with their SHA-256 in `approval_hash`.
 * Publishing publishes exactly that content and seals it in `content_hash`
 * (figures, narrative, approver, publisher and dates); a trigger then refuses
 * any UPDATE or DELETE of the row (migration board_reports_published_read_only).
 */
export const boardReports = sqliteTable(
  "board_reports",
  {
    id: id(),
    // Fiscal quarter, e.g. FY2023-Q2.
    quarter: text("quarter").notNull(),
    asOfDate: text("as_of_date").notNull(),
    state: text("state", { enum: BOARD_REPORT_STATES }).notNull().default("draft"),
    summary: text("summary").notNull().default(""),
    highlights: text("highlights").notNull().default(""),
    concerns: text("concerns").notNull().default(""),
    decisions: text("decisions").notNull().default(""),
    // Frozen at approval, published as is.
    snapshot: text("snapshot"),
    // SHA-256 of the approved content (see app/board/freeze.server.ts); null unless approved or published.
    approvalHash: text("approval_hash"),
    contentHash: text("content_hash"),
    // What content_hash covers: `figures` (the snapshot alone, reports published before approval froze them) or `report`.
    contentHashScope: text("content_hash_scope", { enum: ["figures", "report"] })
      .notNull()
      .default("figures"),
    // Why a report was published before its quarter ended (required then, shown on the report).
    earlyPublicationReason: text("early_publication_reason"),
    draftedById: integer("drafted_by_id").references(() => users.id),
    approvedById: integer("approved_by_id").references(() => users.id),
    approvedAt: text("approved_at"),
    publishedById: integer("published_by_id").references(() => users.id),
    publishedAt: text("published_at"),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    uniqueIndex("board_reports_quarter_unique").on(t.quarter),
    index("board_reports_state_idx").on(t.state),
    index("board_reports_drafted_by_idx").on(t.draftedById),
    index("board_reports_approved_by_idx").on(t.approvedById),
    index("board_reports_published_by_idx").on(t.publishedById),
    check("board_reports_state_check", sql`${t.state} in (${sqlList(BOARD_REPORT_STATES)})`),
    check("board_reports_quarter_check", sql`${t.quarter} glob 'FY[0-9][0-9][0-9][0-9]-Q[1-4]'`),
    // A published report always carries its frozen figures and their hash.
    check(
      "board_reports_published_check",
      sql`${t.state} <> 'published' or (${t.snapshot} is not null and ${t.contentHash} is not null and ${t.publishedAt} is not null)`,
    ),
  ],
);
