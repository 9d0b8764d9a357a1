import type { Rag, RiskLevel } from "#db/schema/enums";

/** A reason behind a RAG, with a link to the rows that produced it. */
export type Reason = { rag: Rag; text: string; href: string };

export type Dimension = { rag: Rag; reasons: Reason[] };

export const DIMENSIONS = ["schedule", "cost", "risk", "staleness", "outcome"] as const;
export type DimensionName = (typeof DIMENSIONS)[number];

/** Milestones worth a reason: open and slipping, overdue, or on the critical path and late. Selected in SQL. */
export type MilestoneSignal = {
  id: number;
  code: string;
  title: string;
  /** forecast (or actual) minus baseline, in days; positive = late */
  slipDays: number;
  /** days past the due date while still open as of the date; 0 when not overdue */
  overdueDays: number;
  criticalPath: boolean;
};

export type RiskSignal = { id: number; code: string; title: string; level: RiskLevel; score: number };
export type ExpiredAcceptanceSignal = { riskId: number; riskCode: string; riskTitle: string; expiresOn: string };
/** A linked measure off its glide path, outside its appetite or missing a due value (app/figures/measures.server.ts). */
export type { OutcomeSignal } from "~/figures/measures.server";
import type { OutcomeSignal } from "~/figures/measures.server";

/** Everything the engine needs about one workstream, aggregated by SQL as of a date. */
export type WorkstreamInputs = {
  id: number;
  code: string;
  name: string;
  lifecycleStatus: string;
  milestones: MilestoneSignal[];
  planToDateCents: number;
  actualToDateCents: number;
  committedToDateCents: number;
  risksAboveAppetite: RiskSignal[];
  expiredAcceptances: ExpiredAcceptanceSignal[];
  /** Linked measures off track or missing a value as of the date. */
  outcomes: OutcomeSignal[];
  /** Date (YYYY-MM-DD) of the last submitted status report on or before the as-of date. */
  lastReportSubmittedOn: string | null;
  lastReportPeriod: string | null;
  reportedRag: Rag | null;
  override: { rag: Rag; reason: string; expiresOn: string } | null;
};

export type WorkstreamStatus = {
  id: number;
  code: string;
  name: string;
  schedule: Dimension;
  cost: Dimension & { varianceCents: number; variancePctTenths: number | null };
  risk: Dimension;
  staleness: Dimension;
  outcome: Dimension;
  reported: Rag | null;
  /** The computed overall RAG, before any override. */
  computed: Rag;
  overall: Dimension;
  override: { rag: Rag; reason: string; expiresOn: string } | null;
};

export type ProgramStatus = { overall: Dimension; dimensions: Record<DimensionName, Rag>; workstreams: WorkstreamStatus[] };
