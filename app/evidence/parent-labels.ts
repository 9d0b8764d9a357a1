import type { EvidenceParentKind } from "#db/schema/evidence";

/** What each kind of parent is called on pages. */
export const PARENT_LABELS: Record<EvidenceParentKind, string> = {
  obligation: "Obligation or measure",
  deliverable: "Engagement deliverable",
  milestone: "Milestone",
  risk_acceptance: "Risk acceptance",
  board_report: "Board report",
};
