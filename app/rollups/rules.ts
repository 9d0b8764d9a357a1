import type { Rag } from "#db/schema/enums";
import type { RagThresholds } from "~/settings/schemas";
import { exposureOf } from "~/figures/money/rollup";
import { daysBetween } from "~/money/fiscal";
import { formatCents } from "~/utils/format";
import { periodLabel } from "~/measures/periods";
import { formatMeasure } from "~/measures/units";
import { links } from "./links";
import { worst } from "./rag";
import type { Dimension, Reason, WorkstreamInputs } from "./types";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Schedule (design.md): amber when an open milestone slips more than the
 * amber threshold or is overdue; red beyond the red threshold, or when a
 * milestone on the critical path slips at all.
 */
export function scheduleRag(ws: WorkstreamInputs, t: RagThresholds): Dimension {
  const reasons: Reason[] = [];
  for (const m of ws.milestones) {
    const name = `Milestone ${m.code} '${m.title}'`;
    const href = links.milestone(m.code);
    if (m.criticalPath && (m.slipDays > 0 || m.overdueDays > 0)) {
      const late = m.slipDays > 0 ? `forecast ${plural(m.slipDays, "day")} after baseline` : `overdue by ${plural(m.overdueDays, "day")}`;
      reasons.push({ rag: "red", text: `${name} is on the critical path and ${late}`, href });
    } else if (m.slipDays > t.scheduleRedSlipDays) {
      reasons.push({ rag: "red", text: `${name} forecast ${plural(m.slipDays, "day")} after baseline`, href });
    } else if (m.slipDays > t.scheduleAmberSlipDays) {
      reasons.push({ rag: "amber", text: `${name} forecast ${plural(m.slipDays, "day")} after baseline`, href });
    } else if (m.overdueDays > 0) {
      reasons.push({ rag: "amber", text: `${name} is overdue by ${plural(m.overdueDays, "day")}`, href });
    }
  }
  return dimension(reasons);
}

/**
 * Cost: spend exposure against plan to date. Invoices draw commitments
 * down, so exposure is the larger of actual and committed rather than their
 * sum (which would count an invoiced PO twice). Only overspend turns a RAG.
 */
export function costRag(ws: WorkstreamInputs, t: RagThresholds): Dimension & { varianceCents: number; variancePctTenths: number | null } {
  const exposure = exposureOf(ws.actualToDateCents, ws.committedToDateCents);
  const varianceCents = exposure - ws.planToDateCents;
  const href = links.workstreamActuals(ws.code);
  if (ws.planToDateCents === 0) {
    const reasons: Reason[] = exposure > 0 ? [{ rag: "red", text: `${formatCents(exposure)} spent or committed with no plan to date`, href }] : [];
    return { ...dimension(reasons), varianceCents, variancePctTenths: null };
  }
  // Tenths of a percent, from integers: no float ever holds a money amount.
  const variancePctTenths = Math.round((varianceCents * 1000) / ws.planToDateCents);
  const text = `Spend and commitments ${formatCents(exposure)} are ${(variancePctTenths / 10).toFixed(1)}% over the plan to date of ${formatCents(ws.planToDateCents)}`;
  const reasons: Reason[] = [];
  if (variancePctTenths > t.costRedVariancePct * 10) reasons.push({ rag: "red", text, href });
  else if (variancePctTenths > t.costAmberVariancePct * 10) reasons.push({ rag: "amber", text, href });
  return { ...dimension(reasons), varianceCents, variancePctTenths };
}

/** Risk: amber when a linked risk is above appetite; red when one is critical or an acceptance has expired. */
export function riskRag(ws: WorkstreamInputs): Dimension {
  const reasons: Reason[] = [];
  for (const r of ws.risksAboveAppetite) {
    reasons.push({
      rag: r.level === "critical" ? "red" : "amber",
      text: `Risk ${r.code} '${r.title}' is ${r.level} (score ${r.score}), above appetite`,
      href: links.risk(r.code),
    });
  }
  for (const a of ws.expiredAcceptances) {
    reasons.push({ rag: "red", text: `Acceptance of risk ${a.riskCode} '${a.riskTitle}' expired on ${a.expiresOn}`, href: links.risk(a.riskCode) });
  }
  return dimension(reasons);
}

/** Staleness: an active workstream without a submitted status report for too long. */
export function stalenessRag(ws: WorkstreamInputs, t: RagThresholds, asOf: string): Dimension {
  if (ws.lifecycleStatus !== "active") return dimension([]);
  const href = links.workstreamReports(ws.code);
  if (!ws.lastReportSubmittedOn) return dimension([{ rag: "amber", text: "No status report has been submitted", href }]);
  const age = daysBetween(ws.lastReportSubmittedOn, asOf);
  if (age <= t.staleReportDays) return dimension([]);
  return dimension([{ rag: "amber", text: `Last status report submitted ${plural(age, "day")} ago (${ws.lastReportSubmittedOn})`, href }]);
}

/**
 * Outcome (issue 14): a linked measure whose latest value is beyond its red
 * tolerance for `outcomeRedPeriods` reporting periods in a row, or a KRI
 * outside its appetite, is red; a measure beyond its amber tolerance (or red
 * for fewer periods) is amber; a value not there `outcomeMissingGraceDays`
 * after its month ended is an amber finding.
 */
export function outcomeRag(ws: WorkstreamInputs, t: RagThresholds): Dimension {
  const reasons: Reason[] = [];
  for (const m of ws.outcomes) {
    const href = links.measure(m.key);
    const name = `Measure ${m.key} '${m.name}'`;
    if (m.status && m.period && m.value !== null) {
      const against = m.target === null ? "" : ` against a target of ${formatMeasure(m.target, m.unit)}`;
      const reading = `${formatMeasure(m.value, m.unit)} in ${periodLabel(m.period)}${against}`;
      if (m.outsideAppetite) reasons.push({ rag: "red", text: `${name} is outside its risk appetite: ${reading}`, href });
      else if (m.status === "red" && m.redStreak >= t.outcomeRedPeriods)
        reasons.push({ rag: "red", text: `${name} is off its glide path for ${plural(m.redStreak, "month")}: ${reading}`, href });
      else if (m.status === "red" || m.status === "amber") reasons.push({ rag: "amber", text: `${name} is off its glide path: ${reading}`, href });
    }
    if (m.missingPeriod) reasons.push({ rag: "amber", text: `${name} has no value for ${periodLabel(m.missingPeriod)}`, href });
  }
  return dimension(reasons);
}

export function dimension(reasons: Reason[]): Dimension {
  // Red reasons first, so the first reason always explains the colour.
  const sorted = [...reasons].sort((a, b) => (a.rag === b.rag ? 0 : a.rag === "red" ? -1 : 1));
  return { rag: worst(...sorted.map((r) => r.rag)), reasons: sorted };
}

export function overrideInForce(ws: WorkstreamInputs, asOf: string): WorkstreamInputs["override"] {
  return ws.override && ws.override.expiresOn >= asOf ? ws.override : null;
}

export function reportedReason(ws: WorkstreamInputs): Reason | null {
  if (!ws.reportedRag || ws.reportedRag === "green") return null;
  return {
    rag: ws.reportedRag as Rag,
    text: `The lead reported ${ws.reportedRag} overall in the ${ws.lastReportPeriod} status report`,
    href: links.workstreamReports(ws.code),
  };
}
