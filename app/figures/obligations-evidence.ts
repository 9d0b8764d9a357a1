/** The evidence vocabulary pages show; the figures themselves are in obligations-evidence.server.ts. */
export const EXPIRING_DAYS = 30;

export const MEASURE_EVIDENCE_STATES = ["met_with_evidence", "evidence_expired", "evidence_missing", "not_in_place"] as const;
export type MeasureEvidenceState = (typeof MEASURE_EVIDENCE_STATES)[number];

export const MEASURE_EVIDENCE_LABELS: Record<MeasureEvidenceState, string> = {
  met_with_evidence: "Met with evidence",
  evidence_expired: "In place, evidence expired",
  evidence_missing: "In place, evidence missing",
  not_in_place: "Not yet in place",
};

export type EvidenceCurrency = "current" | "expiring" | "expired" | "future";
