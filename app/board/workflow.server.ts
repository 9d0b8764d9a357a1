import { eq } from "drizzle-orm";
import type { Db } from "#db/connection";
import { boardReports } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { updateVersioned } from "~/utils/concurrency.server";
import { parseQuarter } from "~/money/fiscal";
import { getProgram } from "~/settings/settings.server";
import { quarterHasEnded } from "~/time/quarter-as-of";
import { liveAsOf } from "./as-of.server";
import { APPROVAL_CLEARED, approvalDrift, approvalValues, publicationValues } from "./freeze.server";
import { quartersWithoutReport } from "./reports.server";
import type { NarrativeInput, TransitionIntent } from "./schemas";
import type { FigureChange } from "./snapshot-diff";
import type { BoardReportState } from "./visibility";

/** A request the report's state does not allow (e.g. editing a published report): answered with its status and message. */
export class WorkflowError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

/** Publication refused because the data for the quarter changed since approval: the report is back in review; `differences` says what moved. */
export class ApprovalOutdatedError extends WorkflowError {
  constructor(readonly differences: FigureChange[]) {
    super(
      409,
      "The figures changed since this report was approved, so it was not published: it is back in review for the executive to approve the current figures.",
    );
  }
}

type Row = typeof boardReports.$inferSelect;
type Actor = AuditContext & { actorId: number };

const auditView = (r: Row) => ({
  quarter: r.quarter,
  state: r.state,
  asOfDate: r.asOfDate,
  summary: r.summary,
  highlights: r.highlights,
  concerns: r.concerns,
  decisions: r.decisions,
  approvedById: r.approvedById,
  approvedAt: r.approvedAt,
  approvalHash: r.approvalHash,
  publishedById: r.publishedById,
  publishedAt: r.publishedAt,
  earlyPublicationReason: r.earlyPublicationReason,
  contentHash: r.contentHash,
});

function load(tx: Pick<Db, "select">, quarter: string): Row {
  const row = tx.select().from(boardReports).where(eq(boardReports.quarter, quarter)).get();
  if (!row) throw new WorkflowError(404, `No board report for ${quarter}.`);
  return row;
}

const PUBLISHED_MESSAGE = "This report is published: its figures and narrative are frozen and cannot be changed.";

/** A new draft for a quarter that has none; its figures stay live until publication. */
export function generateDraft(db: Db, ctx: Actor, quarter: string, today: string): Row {
  if (!quartersWithoutReport(db, today).includes(quarter)) {
    throw new WorkflowError(400, `${quarter} is not a programme quarter up to today without a report.`);
  }
  return db.transaction((tx) => {
    const row = tx
      .insert(boardReports)
      .values({ quarter, asOfDate: liveAsOf(tx, quarter, today), state: "draft", draftedById: ctx.actorId })
      .returning()
      .get();
    writeAudit(tx, ctx, { action: "board_report.create", entity: "board_report", entityId: row.id, after: auditView(row) });
    return row;
  });
}

/** Saves the narrative of a draft or a report in review (an approved one goes back to draft first). */
export function updateNarrative(db: Db, ctx: Actor, quarter: string, input: NarrativeInput): Row {
  return db.transaction((tx) => {
    const before = load(tx, quarter);
    if (before.state === "published") throw new WorkflowError(409, PUBLISHED_MESSAGE);
    if (before.state === "approved") throw new WorkflowError(409, "This report is approved: send it back to draft before changing the narrative.");
    const after = updateVersioned(tx, boardReports, "board report", before.id, input.version, {
      summary: input.summary,
      highlights: input.highlights,
      concerns: input.concerns,
      decisions: input.decisions,
    });
    writeAudit(tx, ctx, { action: "board_report.update", entity: "board_report", entityId: after.id, before: auditView(before), after: auditView(after) });
    return after;
  });
}

const FROM: Record<TransitionIntent, readonly BoardReportState[]> = {
  submit: ["draft"],
  approve: ["in_review"],
  send_back: ["in_review", "approved"],
  publish: ["approved"],
};

const REFUSED: Record<TransitionIntent, string> = {
  submit: "Only a draft can be submitted for review.",
  approve: "Only a report in review can be approved.",
  send_back: "Only a report in review or approved can be sent back to draft.",
  publish: "Only an approved report can be published.",
};

/** Whether the report's quarter is still running on `today`: publishing it then warns and needs a reason. */
export function publishesEarly(db: Pick<Db, "select">, quarter: string, today: string): boolean {
  const q = parseQuarter(quarter);
  if (!q) throw new RangeError(`Not a fiscal quarter: ${quarter}`);
  return !quarterHasEnded(q, getProgram(db).fiscalYearStartMonth, today);
}

/**
 * Moves a report along draft → in review → approved → published (or back to
 * draft). Approval freezes the figures beside the narrative and approver;
 * publication publishes exactly that, after checking that the data for the
 * quarter still gives the same figures. When it does not, nothing is
 * published: the report goes back to review (audited with the differences)
 * and ApprovalOutdatedError carries them to the page. Publishing before the
 * quarter has ended needs `earlyReason`. Permissions per intent are checked
 * by the route.
 */
export function transition(
  db: Db,
  ctx: Actor,
  quarter: string,
  intent: TransitionIntent,
  version: number,
  today: string,
  now = new Date().toISOString(),
  earlyReason: string | null = null,
): Row {
  const outcome = db.transaction((tx) => {
    const before = load(tx, quarter);
    if (before.state === "published") throw new WorkflowError(409, PUBLISHED_MESSAGE);
    // A stale version is a conflict even when the state would also refuse: the user must see what changed.
    if (before.version !== version) updateVersioned(tx, boardReports, "board report", before.id, version, {});
    if (!FROM[intent].includes(before.state)) throw new WorkflowError(409, REFUSED[intent]);
    if (intent === "submit" && !before.summary.trim()) throw new WorkflowError(400, "Write the summary before submitting the report for review.");

    let values: Partial<typeof boardReports.$inferInsert>;
    if (intent === "submit") values = { state: "in_review" };
    else if (intent === "approve") values = approvalValues(tx, before, { id: ctx.actorId, at: now }, today);
    else if (intent === "send_back") values = { state: "draft", ...APPROVAL_CLEARED };
    else {
      const early = publishesEarly(tx, quarter, today);
      const reason = earlyReason?.trim() || null;
      if (early && !reason) {
        throw new WorkflowError(400, `${quarter} has not ended yet: give the reason for publishing before the quarter's end.`);
      }
      const differences = approvalDrift(tx, before, today);
      if (differences.length) {
        const after = updateVersioned(tx, boardReports, "board report", before.id, version, {
          state: "in_review",
          asOfDate: liveAsOf(tx, quarter, today),
          ...APPROVAL_CLEARED,
        });
        writeAudit(tx, ctx, {
          action: "board_report.approval_outdated",
          entity: "board_report",
          entityId: after.id,
          before: auditView(before),
          after: { ...auditView(after), differences },
        });
        return { refused: differences, row: null };
      }
      values = publicationValues(before, { id: ctx.actorId, at: now }, early ? reason : null);
    }
    const after = updateVersioned(tx, boardReports, "board report", before.id, version, values);
    writeAudit(tx, ctx, { action: `board_report.${intent}`, entity: "board_report", entityId: after.id, before: auditView(before), after: auditView(after) });
    return { refused: null, row: after };
  });
  if (outcome.refused) throw new ApprovalOutdatedError(outcome.refused);
  return outcome.row!;
}

/** Records a download of the board pack (PDF). */
export function auditExport(db: Db, ctx: Actor, report: { id: number; quarter: string; state: string; contentHash: string | null }, format: string) {
  db.transaction((tx) => {
    writeAudit(tx, ctx, {
      action: "board_report.export",
      entity: "board_report",
      entityId: report.id,
      after: { quarter: report.quarter, state: report.state, contentHash: report.contentHash, format },
    });
  });
}
