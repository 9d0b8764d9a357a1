import { inBatches } from "~/exports/batches.server";
import { csvStream } from "~/exports/stream-csv.server";
import type { CsvColumn } from "~/utils/csv.server";
import { RISK_CSV_DERIVED_HEADERS, RISK_CSV_INPUT_HEADERS, WORKSTREAM_SEPARATOR } from "./csv-columns";
import type { Db } from "#db/connection";
import { idWindowBatches } from "~/exports/id-windows.server";
import {
  compareRegisterKeys,
  type RegisterKey,
  registerKeysWindow,
  registerRowsByIds,
  riskIdRange,
  type RiskFigureScope,
  type RiskRow,
} from "~/figures/risks.server";

type Reader = Pick<Db, "select" | "all">;

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

/**
 * The order of the filtered register, read by windows of risk ids (only the
 * id, code and score of each risk) and sorted here: the register's order
 * depends on every risk's score, and one statement computing the whole
 * register held the server for over a second at 100× the demo (issue 12).
 */
export async function registerExportOrder(db: Reader, scope: RiskFigureScope): Promise<number[]> {
  const keys: RegisterKey[] = [];
  for await (const batch of idWindowBatches(riskIdRange(db), "asc", (window, limit) => registerKeysWindow(db, scope, window, limit))) keys.push(...batch);
  return keys.sort(compareRegisterKeys).map((k) => k.id);
}

// A risk's as-of row costs several index seeks (version, latest assessment, acceptances): 250 of them stay well under the 100 ms a step may take.
const RISK_EXPORT_BATCH = 250;

/** The register in that order, its full rows read a batch of ids at a time. */
export function risksCsvStream(db: Reader, scope: RiskFigureScope, order: number[], signal?: AbortSignal): ReadableStream<Uint8Array> {
  function* rows() {
    for (const ids of inBatches(order, RISK_EXPORT_BATCH)) yield registerRowsByIds(db, scope, ids);
  }
  return csvStream(COLUMNS, rows(), { signal });
}
