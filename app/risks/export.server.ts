import { inBatches } from "~/exports/batches.server";
import { csvStream } from "~/exports/stream-csv.server";
import type { CsvColumn } from "~/utils/csv.server";
import { RISK_CSV_DERIVED_HEADERS, RISK_CSV_INPUT_HEADERS, WORKSTREAM_SEPARATOR } from "./csv-columns";
import type { RiskRow } from "~/figures/risks.server";

type Header = (typeof RISK_CSV_INPUT_HEADERS)[number] | (typeof RISK_CSV_DERIVED_HEADERS)[number];

const VALUES: Record<Header, CsvColumn<RiskRow>["value"]> = {
  code: (r) => r.code,
  title: (r) => r.title,
  description: (r) => r.description,
  category: (r) => r.category,
  owner_email: (r) => r.ownerEmail,
  csf_function: (r) => r.csfFunction,
  inherent_likelihood: (r) => r.inherentLikelihood,
  inherent_impact: (r) => r.inherentImpact,
  current_likelihood: (r) => r.currentLikelihood,
  current_impact: (r) => r.currentImpact,
  target_likelihood: (r) => r.targetLikelihood,
  target_impact: (r) => r.targetImpact,
  treatment: (r) => r.treatment,
  status: (r) => r.status,
  next_review_date: (r) => r.nextReviewDate,
  workstreams: (r) => r.workstreamCodes.join(WORKSTREAM_SEPARATOR),
  inherent_level: (r) => r.inherentLevel,
  current_level: (r) => r.currentLevel,
  target_level: (r) => r.targetLevel,
  above_appetite: (r) => (r.aboveAppetite ? "yes" : "no"),
  acceptance_expired: (r) => (r.acceptanceExpired ? "yes" : "no"),
};

const COLUMNS: CsvColumn<RiskRow>[] = [...RISK_CSV_INPUT_HEADERS, ...RISK_CSV_DERIVED_HEADERS].map((header) => ({ header, value: VALUES[header] }));

/** The register streamed a batch at a time. */
export function risksCsvStream(rows: RiskRow[], signal?: AbortSignal): ReadableStream<Uint8Array> {
  return csvStream(COLUMNS, inBatches(rows), { signal });
}
