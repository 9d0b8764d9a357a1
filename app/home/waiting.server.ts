import type { Db } from "#db/connection";
import { overdueReviews } from "~/figures/risks.server";
import { countReportsOverdue, reportsDue } from "~/status-reports/report-due.server";
import { boardReportsInReview, pendingAcceptances } from "./inbox.server";
import { HOME_LIST_LIMIT } from "./limits";

type Reader = Pick<Db, "select" | "all">;

/**
 * What the CISO office waits for from others: monthly reports leads have not
 * submitted for a month that has ended, risk reviews past their date, and
 * the decisions executives have not yet taken.
 */
export function loadWaiting(db: Reader, today: string, limit = HOME_LIST_LIMIT) {
  const reviews = overdueReviews(db, { asOf: today });
  return {
    reports: { total: countReportsOverdue(db, today), rows: reportsDue(db, today, { overdueOnly: true, limit }) },
    reviews: {
      total: reviews.length,
      rows: reviews.slice(0, limit).map((r) => ({ code: r.code, title: r.title, ownerName: r.ownerName, nextReviewDate: r.nextReviewDate })),
    },
    acceptances: pendingAcceptances(db, limit),
    boardReports: boardReportsInReview(db, limit),
  };
}

/** What the navigation counts for the CISO office: reports overdue from leads. */
export function waitingCount(db: Reader, today: string): number {
  return countReportsOverdue(db, today);
}
