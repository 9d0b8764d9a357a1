import type { RagThresholds } from "~/settings/schemas";
import { links } from "./links";
import { worst } from "./rag";
import { costRag, dimension, outcomeRag, overrideInForce, reportedReason, riskRag, scheduleRag, stalenessRag } from "./rules";
import { DIMENSIONS, type DimensionName, type ProgramStatus, type Reason, type WorkstreamInputs, type WorkstreamStatus } from "./types";

/**
 * The executive status of one workstream as of a date: a RAG per dimension,
 * each with its reasons, and the overall RAG (the worst of the dimensions
 * and the lead's reported RAG), unless a manual override with a reason is in force.
 */
export function workstreamStatus(ws: WorkstreamInputs, thresholds: RagThresholds, asOf: string): WorkstreamStatus {
  const schedule = scheduleRag(ws, thresholds);
  const cost = costRag(ws, thresholds);
  const risk = riskRag(ws);
  const staleness = stalenessRag(ws, thresholds, asOf);
  const outcome = outcomeRag(ws, thresholds);
  const reported = reportedReason(ws);
  const computedReasons = [...schedule.reasons, ...cost.reasons, ...risk.reasons, ...staleness.reasons, ...outcome.reasons, ...(reported ? [reported] : [])];
  const computed = dimension(computedReasons);
  const override = overrideInForce(ws, asOf);
  const overall = override
    ? {
        rag: override.rag,
        reasons: [
          { rag: override.rag, text: `Manual override to ${override.rag} until ${override.expiresOn}: ${override.reason}`, href: links.workstream(ws.code) },
          ...computedReasons,
        ],
      }
    : computed;
  return {
    id: ws.id,
    code: ws.code,
    name: ws.name,
    schedule,
    cost,
    risk,
    staleness,
    outcome,
    reported: ws.reportedRag,
    computed: computed.rag,
    overall,
    override,
  };
}

/** Cancelled work no longer speaks for the programme's health. */
const counts = (ws: WorkstreamInputs) => ws.lifecycleStatus !== "cancelled";

/** The programme's status, derived from its workstreams the same way. */
export function programStatus(inputs: WorkstreamInputs[], thresholds: RagThresholds, asOf: string): ProgramStatus {
  const workstreams = inputs.filter(counts).map((ws) => workstreamStatus(ws, thresholds, asOf));
  const reasons: Reason[] = workstreams
    .filter((w) => w.overall.rag !== "green")
    .map((w) => ({
      rag: w.overall.rag,
      text: `${w.code} ${w.name} is ${w.overall.rag}${w.override ? " (manual override)" : ""}: ${w.overall.reasons[0]?.text ?? "see the workstream"}`,
      href: links.workstream(w.code),
    }));
  const dimensions = Object.fromEntries(DIMENSIONS.map((d) => [d, worst(...workstreams.map((w) => w[d].rag))])) as Record<DimensionName, Ragish>;
  return { overall: dimension(reasons), dimensions, workstreams };
}

type Ragish = ProgramStatus["dimensions"][DimensionName];
