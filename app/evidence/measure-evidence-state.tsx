import { MEASURE_EVIDENCE_LABELS, type MeasureEvidenceState } from "~/figures/obligations-evidence";

const TONE: Record<MeasureEvidenceState, string> = {
  met_with_evidence: "bg-green-100 text-green-900",
  evidence_expired: "bg-red-100 text-red-900",
  evidence_missing: "bg-amber-100 text-amber-900",
  not_in_place: "bg-slate-100 text-slate-800",
};

const EXPLAIN: Record<MeasureEvidenceState, string> = {
  met_with_evidence: "The measure is in place and current evidence is attached.",
  evidence_expired: "The measure is in place but every attached file has expired: upload a renewal.",
  evidence_missing: "The measure is in place but no current evidence is attached: upload the proof.",
  not_in_place: "Not every linked milestone is done yet; attach evidence as it arrives.",
};

/** A measure's evidence state (docs/figures.md#evidence) with what is missing or expired. */
export function MeasureEvidenceBadge({ state, current, expired }: { state: MeasureEvidenceState; current: number; expired: number }) {
  return (
    <p className="mb-3 text-sm" data-testid="measure-evidence-state">
      <span className={`rounded px-2 py-0.5 font-medium ${TONE[state]}`}>{MEASURE_EVIDENCE_LABELS[state]}</span>{" "}
      <span className="text-slate-700">
        {EXPLAIN[state]} {current} current, {expired} expired.
      </span>
    </p>
  );
}
