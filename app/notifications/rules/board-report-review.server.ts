import { eq } from "drizzle-orm";
import { boardReports } from "#db/schema";
import { usersWithRoles } from "../audience.server";
import type { NotificationRule } from "../rule";

/**
 * A board report in review waits for an executive's approval. The item
 * names the quarter only: nothing of the draft leaves the review page.
 * Repeats every `repeatDays` until someone approves it or sends it back.
 */
export const boardReportReviewRule: NotificationRule = {
  key: "board_report_review",
  label: "Board report waiting for an approver",
  daysLabel: null,
  defaults: { enabled: true, days: 0, repeatDays: 3 },
  visibleWith: "approve:board_report",
  evaluate({ db }) {
    const waiting = db
      .select({ id: boardReports.id, quarter: boardReports.quarter, since: boardReports.updatedAt })
      .from(boardReports)
      .where(eq(boardReports.state, "in_review"))
      .orderBy(boardReports.quarter)
      .all();
    if (!waiting.length) return [];
    const executives = usersWithRoles(db, ["executive"]);
    return waiting.map((r) => ({
      subjectKey: `board-report:${r.id}`,
      title: `Board report ${r.quarter} is waiting for your approval`,
      link: `/board/${encodeURIComponent(r.quarter)}/review`,
      dueDate: null,
      urgency: "due" as const,
      audience: executives,
    }));
  },
};
