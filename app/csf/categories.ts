import type { CsfFunction } from "#db/schema/enums";
import { CSF_CATEGORIES, type CsfCategory } from "#db/schema/measures";

export { CSF_CATEGORIES, type CsfCategory };

/** NIST CSF 2.0 (CSWP 29, 26 February 2024), Appendix A: each category's name and function. */
export const CSF_CATEGORY_INFO: Record<CsfCategory, { name: string; fn: CsfFunction }> = {
  "GV.OC": { name: "Organizational Context", fn: "govern" },
  "GV.RM": { name: "Risk Management Strategy", fn: "govern" },
  "GV.RR": { name: "Roles, Responsibilities, and Authorities", fn: "govern" },
  "GV.PO": { name: "Policy", fn: "govern" },
  "GV.OV": { name: "Oversight", fn: "govern" },
  "GV.SC": { name: "Cybersecurity Supply Chain Risk Management", fn: "govern" },
  "ID.AM": { name: "Asset Management", fn: "identify" },
  "ID.RA": { name: "Risk Assessment", fn: "identify" },
  "ID.IM": { name: "Improvement", fn: "identify" },
  "PR.AA": { name: "Identity Management, Authentication, and Access Control", fn: "protect" },
  "PR.AT": { name: "Awareness and Training", fn: "protect" },
  "PR.DS": { name: "Data Security", fn: "protect" },
  "PR.PS": { name: "Platform Security", fn: "protect" },
  "PR.IR": { name: "Technology Infrastructure Resilience", fn: "protect" },
  "DE.CM": { name: "Continuous Monitoring", fn: "detect" },
  "DE.AE": { name: "Adverse Event Analysis", fn: "detect" },
  "RS.MA": { name: "Incident Management", fn: "respond" },
  "RS.AN": { name: "Incident Analysis", fn: "respond" },
  "RS.CO": { name: "Incident Response Reporting and Communication", fn: "respond" },
  "RS.MI": { name: "Incident Mitigation", fn: "respond" },
  "RC.RP": { name: "Incident Recovery Plan Execution", fn: "recover" },
  "RC.CO": { name: "Incident Recovery Communication", fn: "recover" },
};

/** Implementation tiers of CSF 2.0 (section 3.2). */
export const CSF_TIER_NAMES: Record<number, string> = { 1: "Partial", 2: "Risk Informed", 3: "Repeatable", 4: "Adaptive" };

export function csfCategoryLabel(c: CsfCategory): string {
  return `${c} ${CSF_CATEGORY_INFO[c].name}`;
}
