import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { id, sqlList, timestamps, version } from "./columns";
import { BOARD_REPORT_STATES } from "./enums";

/**
 * A quarterly board report. Until publication its figures are computed live;
 * publishing freezes them into `snapshot` (canonical JSON) with its SHA-256 in
 * `content_hash`, and the row becomes read-only.
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
    snapshot: text("snapshot"),
    contentHash: text("content_hash"),
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
