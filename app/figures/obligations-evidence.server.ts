import { and, count, eq, gt, inArray, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { evidence } from "#db/schema";
import { asOfInstant } from "~/history/as-of.server";
import { addDays } from "~/money/fiscal";
import type { ObligationSummary } from "./obligations.server";

/**
 * Evidence figures (docs/figures.md#evidence), each defined once:
 * - a version is *live* as of D when it was uploaded by the end of D and no
 *   newer version of it was uploaded by then (rows are immutable; a new
 *   version is a new row naming the previous one);
 * - live evidence is *current* as of D when its evidence date is on or before
 *   D and it has no expiry or expires after D; *expired* when its expiry is on
 *   or before D; *expiring* when current and expiring within EXPIRING_DAYS;
 * - a measure (an obligation of kind `measure`) is *in place* when every
 *   linked milestone is done as of D, or, with none linked, its recorded
 *   status is `met`; it is *met with evidence* when in place and at least one
 *   current evidence file is attached to it.
 * "In place" deliberately ignores the due date that the assessed status
 * waits for: a standing decree duty is due at the end of the term, and
 * dated, expiring evidence is what shows it is still being met until then.
 */
import { EXPIRING_DAYS, type EvidenceCurrency, type MeasureEvidenceState } from "./obligations-evidence";

export { EXPIRING_DAYS, MEASURE_EVIDENCE_LABELS, MEASURE_EVIDENCE_STATES, type EvidenceCurrency, type MeasureEvidenceState } from "./obligations-evidence";

type Reader = Pick<Db, "select">;

/** Rows that are the live version as of the instant that closes D. */
export function liveEvidenceWhere(until: string): SQL {
  return and(
    lte(evidence.uploadedAt, until),
    sql`not exists (select 1 from ${evidence} as "newer_evidence" where "newer_evidence"."previous_id" = ${evidence.id} and "newer_evidence"."uploaded_at" <= ${until})`,
  )!;
}

export function currentEvidenceWhere(asOf: string): SQL {
  return and(lte(evidence.evidenceDate, asOf), or(isNull(evidence.expiresOn), gt(evidence.expiresOn, asOf)))!;
}

export function expiredEvidenceWhere(asOf: string): SQL {
  return lte(evidence.expiresOn, asOf);
}

export function expiringEvidenceWhere(asOf: string): SQL {
  return and(currentEvidenceWhere(asOf), lte(evidence.expiresOn, addDays(asOf, EXPIRING_DAYS)))!;
}

/** One row's currency as of D, by the same rules as the predicates above (for pages that already hold the row). */
export function evidenceCurrency(row: { evidenceDate: string; expiresOn: string | null }, asOf: string): EvidenceCurrency {
  if (row.expiresOn !== null && row.expiresOn <= asOf) return "expired";
  if (row.evidenceDate > asOf) return "future";
  if (row.expiresOn !== null && row.expiresOn <= addDays(asOf, EXPIRING_DAYS)) return "expiring";
  return "current";
}

export type EvidenceCoverage = { live: number; current: number; expired: number };

/** Live, current and expired evidence per obligation as of D: one grouped query. */
export function obligationEvidenceCoverage(db: Reader, obligationIds: number[], asOf: string): Map<number, EvidenceCoverage> {
  if (!obligationIds.length) return new Map();
  const rows = db
    .select({
      parentId: evidence.parentId,
      live: count(),
      current: sql<number>`sum(case when ${currentEvidenceWhere(asOf)} then 1 else 0 end)`,
      expired: sql<number>`sum(case when ${expiredEvidenceWhere(asOf)} then 1 else 0 end)`,
    })
    .from(evidence)
    .where(and(eq(evidence.parentKind, "obligation"), inArray(evidence.parentId, obligationIds), liveEvidenceWhere(asOfInstant(db, asOf))))
    .groupBy(evidence.parentId)
    .all();
  return new Map(rows.map((r) => [r.parentId, { live: r.live, current: Number(r.current), expired: Number(r.expired) }]));
}

/** Whether a measure's work is in place as of D (see above). */
export function measureInPlace(o: Pick<ObligationSummary, "status" | "measure">): boolean {
  if (o.measure && o.measure.total > 0) return o.measure.done === o.measure.total;
  return o.status === "met";
}

export function measureEvidenceState(o: Pick<ObligationSummary, "status" | "measure">, coverage: EvidenceCoverage | undefined): MeasureEvidenceState {
  if (!measureInPlace(o)) return "not_in_place";
  if (coverage && coverage.current > 0) return "met_with_evidence";
  if (coverage && coverage.expired > 0) return "evidence_expired";
  return "evidence_missing";
}

export type MeasureEvidenceSummary = { measures: number; inPlace: number; metWithEvidence: number; evidenceMissing: number; evidenceExpired: number };

/**
 * The measures among the obligations given (from obligationsAsOf for the same day) by evidence state: what
 * the dashboard's obligations panel and the board snapshot count as "met with evidence".
 */
export function measureEvidenceSummary(db: Reader, obligations: ObligationSummary[], asOf: string): MeasureEvidenceSummary {
  const measures = obligations.filter((o) => o.kind === "measure");
  const coverage = obligationEvidenceCoverage(
    db,
    measures.map((o) => o.id),
    asOf,
  );
  const states = measures.map((o) => measureEvidenceState(o, coverage.get(o.id)));
  const n = (s: MeasureEvidenceState) => states.filter((x) => x === s).length;
  return {
    measures: measures.length,
    inPlace: states.filter((s) => s !== "not_in_place").length,
    metWithEvidence: n("met_with_evidence"),
    evidenceMissing: n("evidence_missing"),
    evidenceExpired: n("evidence_expired"),
  };
}

/** One obligation's evidence state as of D (null for a spend obligation, which is met by its invoices). */
export function obligationEvidenceState(db: Reader, o: ObligationSummary, asOf: string): { state: MeasureEvidenceState; coverage: EvidenceCoverage } | null {
  if (o.kind !== "measure") return null;
  const coverage = obligationEvidenceCoverage(db, [o.id], asOf).get(o.id) ?? { live: 0, current: 0, expired: 0 };
  return { state: measureEvidenceState(o, coverage), coverage };
}
