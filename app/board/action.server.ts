import { data } from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import type { ConflictData } from "~/components/version-conflict";
import { conflictData, VersionConflictError } from "~/utils/concurrency.server";
import type { FigureChange } from "./snapshot-diff";
import { ApprovalOutdatedError, WorkflowError } from "./workflow.server";

export type BoardActionData = {
  result?: SubmissionResult<string[]>;
  error: string | null;
  conflict: ConflictData | null;
  // Figures that moved since approval, when publication was refused for that reason.
  differences?: FigureChange[];
};

/**
 * Runs a workflow step and turns its refusals into answers the page shows:
 * a stale version → 409 with what changed, a state that forbids the step → its status with the reason,
 * an approval whose figures no longer hold → 409 with the figures that moved.
 */
export function runStep(step: () => void, submitted: Record<string, unknown>, fields: string[], result?: SubmissionResult<string[]>) {
  try {
    step();
    return null;
  } catch (error) {
    if (error instanceof VersionConflictError) {
      return data<BoardActionData>({ result, error: null, conflict: conflictData(error, submitted, fields) }, { status: 409 });
    }
    if (error instanceof ApprovalOutdatedError) {
      return data<BoardActionData>({ result, error: error.message, conflict: null, differences: error.differences }, { status: 409 });
    }
    if (error instanceof WorkflowError) {
      if (error.status === 404) throw new Response(error.message, { status: 404 });
      return data<BoardActionData>({ result, error: error.message, conflict: null }, { status: error.status });
    }
    throw error;
  }
}
