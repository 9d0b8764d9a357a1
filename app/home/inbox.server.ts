import { asc, count, eq } from "drizzle-orm";
import type { Db } from "#db/connection";
import { boardReports, riskAcceptances, risks, users } from "#db/schema";
import { expiredAcceptances } from "~/figures/risks.server";
import { computeProgramStatus } from "~/rollups/status.server";
import { type Bounded, HOME_LIST_LIMIT } from "./limits";

type Reader = Pick<Db, "select" | "all">;

/** Risk acceptances waiting for an executive's decision, the soonest-expiring request first. */
export function pendingAcceptances(db: Reader, limit = HOME_LIST_LIMIT) {
  const total = db.select({ n: count() }).from(riskAcceptances).where(eq(riskAcceptances.state, "requested")).get()?.n ?? 0;
  const rows = db
    .select({
      id: riskAcceptances.id,
      riskCode: risks.code,
      riskTitle: risks.title,
      currentLevel: risks.currentLevel,
      requestedAt: riskAcceptances.requestedAt,
      requestedBy: users.name,
      expiresOn: riskAcceptances.expiresOn,
    })
    .from(riskAcceptances)
    .innerJoin(risks, eq(risks.id, riskAcceptances.riskId))
    .leftJoin(users, eq(users.id, riskAcceptances.requestedById))
    .where(eq(riskAcceptances.state, "requested"))
    .orderBy(asc(riskAcceptances.requestedAt), asc(riskAcceptances.id))
    .limit(limit)
    .all();
  return { total, rows };
}

/** Board reports the CISO office has put in review: an executive approves them or sends them back. */
export function boardReportsInReview(db: Reader, limit = HOME_LIST_LIMIT) {
  const where = eq(boardReports.state, "in_review");
  const total = db.select({ n: count() }).from(boardReports).where(where).get()?.n ?? 0;
  const rows = db
    .select({ quarter: boardReports.quarter, updatedAt: boardReports.updatedAt, draftedBy: users.name })
    .from(boardReports)
    .leftJoin(users, eq(users.id, boardReports.draftedById))
    .where(where)
    .orderBy(asc(boardReports.quarter))
    .limit(limit)
    .all();
  return { total, rows };
}

/** What the navigation counts for an executive: the decisions waiting for them (two counts, no list). */
export function inboxCount(db: Reader): number {
  const acceptances = db.select({ n: count() }).from(riskAcceptances).where(eq(riskAcceptances.state, "requested")).get()?.n ?? 0;
  const reports = db.select({ n: count() }).from(boardReports).where(eq(boardReports.state, "in_review")).get()?.n ?? 0;
  return acceptances + reports;
}

export type Inbox = {
  acceptances: ReturnType<typeof pendingAcceptances>;
  boardReports: ReturnType<typeof boardReportsInReview>;
  expired: Bounded<ReturnType<typeof expiredAcceptances>[number]>;
  red: Bounded<{ code: string; name: string; reason: string | null }>;
};

/**
 * An executive's inbox as of today: decisions waiting (acceptances, board
 * reports in review) and what needs their attention (expired acceptances,
 * red workstreams). Expired acceptances and RAG come from the figures layer
 * and the rollup engine, so the inbox says what the dashboard says.
 */
export function loadInbox(db: Reader, today: string, limit = HOME_LIST_LIMIT): Inbox {
  const expired = expiredAcceptances(db, { asOf: today });
  const red = computeProgramStatus(db, today).workstreams.filter((w) => w.overall.rag === "red");
  return {
    acceptances: pendingAcceptances(db, limit),
    boardReports: boardReportsInReview(db, limit),
    expired: { total: expired.length, rows: expired.slice(0, limit) },
    red: {
      total: red.length,
      rows: red.slice(0, limit).map((w) => ({ code: w.code, name: w.name, reason: w.overall.reasons[0]?.text ?? null })),
    },
  };
}
