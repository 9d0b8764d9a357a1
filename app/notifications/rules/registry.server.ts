import type { NotificationRule } from "../rule";
import { acceptanceExpiryRule } from "./acceptance-expiry.server";
import { boardReportReviewRule } from "./board-report-review.server";
import { evidenceExpiryRule } from "./evidence-expiry.server";
import { measureValueMissingRule } from "./measure-value-missing.server";
import { milestoneDueRule } from "./milestone-due.server";
import { monthlyReportRule } from "./monthly-report.server";
import { obligationDueRule } from "./obligation-due.server";
import { riskReviewRule } from "./risk-review.server";

/**
 * Every reminder rule, in the order /admin/settings lists them. A new rule
 * is one file in this folder and one line here; its settings default to its own.
 */
export const RULES: NotificationRule[] = [
  monthlyReportRule,
  milestoneDueRule,
  riskReviewRule,
  acceptanceExpiryRule,
  boardReportReviewRule,
  obligationDueRule,
  measureValueMissingRule,
  evidenceExpiryRule,
];
