import { and, desc, eq, lte, max } from "drizzle-orm";
import type { Db } from "#db/connection";
import { statusReports, users, workstreams } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { updateVersioned, VersionConflictError } from "~/utils/concurrency.server";
import { fieldError, FieldValidationError } from "~/utils/field-errors";
import type { StatusReportValues } from "./status-report-schemas";
import { fiscalYearBounds } from "~/money/fiscal";
import { getProgram } from "~/settings/settings.server";
import { todayIso } from "~/time/today.server";
import { accomplishmentsFacts, nextStepsFacts, withFacts } from "./report-facts";
import { reportFacts } from "./report-facts.server";

type Read = Pick<Db, "select">;

export function getStatusReport(db: Read, id: number) {
  const row = db
    .select({ report: statusReports, workstreamCode: workstreams.code, workstreamName: workstreams.name, ownerId: workstreams.ownerId, authorName: users.name })
    .from(statusReports)
    .innerJoin(workstreams, eq(workstreams.id, statusReports.workstreamId))
    .leftJoin(users, eq(users.id, statusReports.authorId))
    .where(eq(statusReports.id, id))
    .get();
  return row
    ? { ...row.report, workstreamCode: row.workstreamCode, workstreamName: row.workstreamName, ownerId: row.ownerId, authorName: row.authorName }
    : null;
}

/** The latest submitted report for a month no later than the current one (the same rule as the figures' latestReports). */
export function latestSubmittedReport(db: Read, workstreamId: number) {
  return db
    .select()
    .from(statusReports)
    .where(and(eq(statusReports.workstreamId, workstreamId), eq(statusReports.state, "submitted"), lte(statusReports.period, todayIso(db).slice(0, 7))))
    .orderBy(desc(statusReports.period), desc(statusReports.revision))
    .limit(1)
    .get();
}

/** Revisions of the same month, newest first: a correction's trail. */
export function revisionsOf(db: Read, workstreamId: number, period: string) {
  return db
    .select({ id: statusReports.id, revision: statusReports.revision, state: statusReports.state, submittedAt: statusReports.submittedAt })
    .from(statusReports)
    .where(and(eq(statusReports.workstreamId, workstreamId), eq(statusReports.period, period)))
    .orderBy(desc(statusReports.revision))
    .all();
}

/**
 * A report's month must fall within the programme's fiscal years and not
 * after the current month (in the programme's time zone): a report dated
 * 2099-12 would otherwise count as the "latest" forever.
 */
export function checkReportPeriod(db: Read, period: string): void {
  const prog = getProgram(db);
  const first = fiscalYearBounds(prog.startFiscalYear, prog.fiscalYearStartMonth).start.slice(0, 7);
  const last = fiscalYearBounds(prog.endFiscalYear, prog.fiscalYearStartMonth).end.slice(0, 7);
  const current = todayIso(db).slice(0, 7);
  if (period < first || period > last) throw fieldError("period", `Choose a month within the programme, ${first} to ${last}.`);
  if (period > current) throw fieldError("period", `Choose a month no later than the current one (${current}).`);
}

export function createDraftReport(db: Db, ctx: AuditContext, workstreamId: number, input: StatusReportValues & { period: string }) {
  return db.transaction((tx) => {
    checkReportPeriod(tx, input.period);
    const existing = tx
      .select({ id: statusReports.id, state: statusReports.state })
      .from(statusReports)
      .where(and(eq(statusReports.workstreamId, workstreamId), eq(statusReports.period, input.period)))
      .orderBy(desc(statusReports.revision))
      .get();
    if (existing) {
      throw fieldError(
        "period",
        existing.state === "draft"
          ? `A draft for ${input.period} already exists: edit it instead.`
          : `The ${input.period} report is submitted; open it and make a correction instead.`,
      );
    }
    const row = tx
      .insert(statusReports)
      .values({ ...input, workstreamId, revision: 1, state: "draft", authorId: ctx.actorId })
      .returning()
      .get();
    writeAudit(tx, ctx, { action: "status_report.create", entity: "status_report", entityId: row.id, after: row });
    return row;
  });
}

function refuseIfSubmitted(state: string) {
  // Submitted reports are the record of what the lead told the programme; only a new revision may change them.
  if (state !== "draft") throw new FieldValidationError({ "": ["This report is submitted and cannot change. Make a correction instead."] });
}

/** Saves a draft's content, and submits it when asked; one version check covers both. */
export function saveDraftReport(db: Db, ctx: AuditContext, id: number, version: number, values: StatusReportValues, submit: boolean) {
  return db.transaction((tx) => {
    const before = tx.select().from(statusReports).where(eq(statusReports.id, id)).get();
    if (!before) throw new Response("Not found", { status: 404 });
    if (before.version !== version) throw new VersionConflictError("status report", before);
    refuseIfSubmitted(before.state);
    const after = updateVersioned(tx, statusReports, "status report", id, version, {
      ...values,
      ...(submit ? { state: "submitted" as const, submittedById: ctx.actorId, submittedAt: new Date().toISOString() } : {}),
    });
    writeAudit(tx, ctx, { action: submit ? "status_report.submit" : "status_report.update", entity: "status_report", entityId: id, before, after });
    return after;
  });
}

/**
 * A correction of a submitted report: a new draft revision of the same
 * month, copying its content and pointing to the report it replaces.
 * Only the latest revision can be corrected, and only once at a time.
 */
export function startCorrection(db: Db, ctx: AuditContext, id: number) {
  return db.transaction((tx) => {
    const original = tx.select().from(statusReports).where(eq(statusReports.id, id)).get();
    if (!original) throw new Response("Not found", { status: 404 });
    if (original.state !== "submitted") throw new FieldValidationError({ "": ["Only a submitted report is corrected; edit this draft instead."] });
    const latest = tx
      .select({ revision: max(statusReports.revision) })
      .from(statusReports)
      .where(and(eq(statusReports.workstreamId, original.workstreamId), eq(statusReports.period, original.period)))
      .get();
    if ((latest?.revision ?? 0) !== original.revision)
      throw new FieldValidationError({ "": ["A newer revision of this month's report exists; correct that one."] });
    const { id: _id, createdAt: _c, updatedAt: _u, version: _v, submittedAt: _s, submittedById: _b, ...content } = original;
    const row = tx
      .insert(statusReports)
      .values({ ...content, revision: original.revision + 1, supersedesId: original.id, state: "draft", authorId: ctx.actorId })
      .returning()
      .get();
    writeAudit(tx, ctx, { action: "status_report.correct", entity: "status_report", entityId: row.id, after: { ...row, supersedes: original.id } });
    return row;
  });
}

/** The latest revision of a workstream's report for a month, if any: a duplicate links to it instead of failing blind. */
export function existingReportFor(db: Read, workstreamId: number, period: string) {
  return db
    .select({ id: statusReports.id, state: statusReports.state, revision: statusReports.revision })
    .from(statusReports)
    .where(and(eq(statusReports.workstreamId, workstreamId), eq(statusReports.period, period)))
    .orderBy(desc(statusReports.revision))
    .limit(1)
    .get();
}

/**
 * Re-reads the milestones' facts for a draft's month (after a re-forecast,
 * say) and puts them in place of the pre-filled block of "Accomplishments"
 * and "Next steps"; the rest of the lead's text is kept. Audited like a save.
 */
export function refreshReportFacts(db: Db, ctx: AuditContext, id: number, version: number, today: string) {
  return db.transaction((tx) => {
    const before = tx.select().from(statusReports).where(eq(statusReports.id, id)).get();
    if (!before) throw new Response("Not found", { status: 404 });
    if (before.version !== version) throw new VersionConflictError("status report", before);
    refuseIfSubmitted(before.state);
    const facts = reportFacts(tx, before.workstreamId, before.period, today);
    const after = updateVersioned(tx, statusReports, "status report", id, version, {
      accomplishments: withFacts(before.accomplishments, accomplishmentsFacts(facts)),
      nextSteps: withFacts(before.nextSteps, nextStepsFacts(facts)),
    });
    writeAudit(tx, ctx, { action: "status_report.refresh_facts", entity: "status_report", entityId: id, before, after });
    return after;
  });
}
