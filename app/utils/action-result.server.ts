import type { SubmissionResult } from "@conform-to/react";
import type { ConflictData } from "~/components/version-conflict";
import { conflictData, VersionConflictError } from "~/utils/concurrency.server";
import { FieldValidationError } from "./field-errors";

/** What a form action answers when it does not redirect; `intent` tells which of a page's forms it belongs to. */
export type ActionResult = { intent: string; result: SubmissionResult<string[]>; conflict?: ConflictData };

type Submission = {
  reply: (options?: { fieldErrors?: Record<string, string[]>; formErrors?: string[] }) => SubmissionResult<string[]>;
  payload: Record<string, unknown>;
};

export function invalid(submission: Submission, status = 400): Response {
  return Response.json({ intent: intentOf(submission), result: submission.reply() } satisfies ActionResult, { status });
}

/**
 * Turns a refused change into the answer the form shows: 400 with the
 * domain rule's message beside its field, or 409 with what the other
 * person changed. Anything else is a real error and propagates.
 */
export function refusal(error: unknown, submission: Submission, comparedFields: string[]): Response {
  if (error instanceof FieldValidationError) {
    return Response.json({ intent: intentOf(submission), result: submission.reply({ fieldErrors: error.fieldErrors }) } satisfies ActionResult, {
      status: 400,
    });
  }
  if (error instanceof VersionConflictError) {
    return Response.json(
      {
        intent: intentOf(submission),
        result: submission.reply({ formErrors: [error.message] }),
        conflict: conflictData(error, submission.payload, comparedFields),
      } satisfies ActionResult,
      { status: 409 },
    );
  }
  throw error;
}

function intentOf(submission: Submission): string {
  const intent = submission.payload.intent;
  return typeof intent === "string" ? intent : "";
}
