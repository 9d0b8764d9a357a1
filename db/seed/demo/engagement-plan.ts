import type { PersonKey } from "./people";

/** Vendors and their engagements, fixed in calendar time. Values are integer cents. */
export type VendorPlan = { code: string; name: string; contactName: string; contactEmail: string; notes: string };

export type DeliverablePlan = { title: string; due?: string; accepted?: string; milestone?: string };

export type EngagementPlan = {
  vendor: string;
  sow: string;
  title: string;
  kind: "incident_response" | "advisory" | "assessment" | "red_team" | "managed_service" | "implementation";
  description: string;
  signed: string;
  start: string;
  end: string;
  valueCents: number;
  owner: PersonKey;
  /** Workstream number → share of the contract value, in percent. */
  shares: Record<number, number>;
  deliverables: DeliverablePlan[];
};

export const VENDORS: readonly VendorPlan[] = [
  {
    code: "MND",
    name: "Mandiant",
    contactName: "Rebecca Holt",
    contactEmail: "rebecca.holt@mandiant-demo.example",
    notes:
      "Incident response since 16 August 2021: forensic investigation, containment and the immediate and longer-term strategic remediation plan; annual red teams from 2023.",
  },
  {
    code: "KPMG",
    name: "KPMG",
    contactName: "Andrew Patel",
    contactEmail: "andrew.patel@kpmg-demo.example",
    notes:
      "Review of all security policies, controls and performance measurement (2022); third-party risk management uplift (2023–2024); agreed-upon procedures on settlement spend.",
  },
  {
    code: "ACN",
    name: "Accenture",
    contactName: "Lucia Romero",
    contactEmail: "lucia.romero@accenture-demo.example",
    notes:
      "Implementation partner for segmentation, identity, secrets and data protection; phase 2 (zero-trust access and data minimisation) from October 2025.",
  },
  {
    code: "SHS",
    name: "Sentinel Harbor Security",
    contactName: "Ben Okoye",
    contactEmail: "ben.okoye@sentinelharbor-demo.example",
    notes: "Managed detection and response, 24x7, since February 2022; co-managed SOC model from February 2025.",
  },
  {
    code: "NGA",
    name: "Northgate Assurance LLP",
    contactName: "Fiona Mercer",
    contactEmail: "fiona.mercer@northgate-demo.example",
    notes: "Independent third-party assessor under FCC consent decree DA 24-860; reports annually to the board.",
  },
];

const M = 100_000_000; // one million dollars, in cents

export const ENGAGEMENTS: readonly EngagementPlan[] = [
  {
    vendor: "MND",
    sow: "SOW-MND-2021-01",
    title: "Breach forensic investigation and containment",
    kind: "incident_response",
    description:
      "Forensic investigation of the August 2021 intrusion: scoping, containment, eradication and evidence handling for regulators and law enforcement.",
    signed: "2021-08-16",
    start: "2021-08-16",
    end: "2022-02-28",
    valueCents: (98 * M) / 10,
    owner: "ciso",
    shares: { 6: 50, 1: 25, 3: 25 },
    deliverables: [
      { title: "Containment and eradication plan", due: "2021-09-03", accepted: "2021-09-02" },
      { title: "Forensic investigation report", due: "2021-11-30", accepted: "2021-12-10" },
      { title: "Credential reset verification for attacker-touched servers", milestone: "M-WS03-01" },
      { title: "Final findings briefing to the board", due: "2022-02-15", accepted: "2022-02-17" },
    ],
  },
  {
    vendor: "MND",
    sow: "SOW-MND-2021-02",
    title: "Strategic remediation plan and transformation roadmap",
    kind: "advisory",
    description: "Immediate and longer-term strategic plan to raise the security bar after the breach, and the roadmap the nine workstreams were built from.",
    signed: "2021-09-27",
    start: "2021-10-01",
    end: "2022-06-30",
    valueCents: (64 * M) / 10,
    owner: "ciso",
    shares: { 8: 60, 2: 40 },
    deliverables: [
      { title: "Current-state security maturity assessment", due: "2021-12-17", accepted: "2021-12-20" },
      { title: "Immediate and longer-term strategic remediation plan", due: "2022-01-31", accepted: "2022-01-28" },
      { title: "Test-environment exposure review", milestone: "M-WS02-01" },
      { title: "Transformation roadmap refresh for FY2023", due: "2022-06-30", accepted: "2022-07-08" },
    ],
  },
  {
    vendor: "KPMG",
    sow: "SOW-KPMG-2022-01",
    title: "Security policy, controls and performance measurement review",
    kind: "assessment",
    description: "Review of all security policies and controls, and design of the KPIs and KRIs the board sees each quarter.",
    signed: "2021-12-13",
    start: "2022-01-10",
    end: "2022-12-16",
    valueCents: (72 * M) / 10,
    owner: "leadGovernance",
    shares: { 8: 100 },
    deliverables: [
      { title: "Security policy gap analysis", due: "2022-04-29", accepted: "2022-05-06" },
      { title: "Controls testing report and findings", milestone: "M-WS08-02" },
      { title: "Security performance measurement framework (KPIs and KRIs)", due: "2022-09-30", accepted: "2022-10-07" },
      { title: "Policy framework rewrite support", milestone: "M-WS08-03" },
    ],
  },
  {
    vendor: "KPMG",
    sow: "SOW-KPMG-2023-02",
    title: "Third-party risk management uplift",
    kind: "advisory",
    description: "Supplier tiering model, assessment of critical suppliers and continuous monitoring.",
    signed: "2022-12-12",
    start: "2023-01-09",
    end: "2024-03-29",
    valueCents: (46 * M) / 10,
    owner: "leadGovernance",
    shares: { 8: 100 },
    deliverables: [
      { title: "Supplier risk-tiering model", due: "2023-04-28", accepted: "2023-05-05" },
      { title: "Tiering and assessment of 1,800 suppliers", milestone: "M-WS08-04" },
      { title: "Continuous supplier monitoring runbook", due: "2024-03-29", accepted: "2024-03-27" },
    ],
  },
  {
    vendor: "ACN",
    sow: "SOW-ACN-2022-01",
    title: "Security transformation implementation (segmentation, identity, secrets, data)",
    kind: "implementation",
    description: "Design and delivery partner for lab segmentation, PAM and FIDO2, the secrets vault and SSN tokenisation.",
    signed: "2022-03-14",
    start: "2022-04-04",
    end: "2025-12-31",
    valueCents: 96 * M,
    owner: "pmo",
    shares: { 2: 35, 4: 30, 5: 20, 3: 15 },
    deliverables: [
      { title: "Lab segmentation design and cut-over", milestone: "M-WS02-02" },
      { title: "PAM vault deployment", milestone: "M-WS04-03" },
      { title: "FIDO2 rollout for privileged administrators", milestone: "M-WS04-05" },
      { title: "SSN tokenisation service", milestone: "M-WS05-03" },
      { title: "Vault onboarding of network and OSS service accounts", milestone: "M-WS03-05" },
      { title: "Customer data zone micro-segmentation", milestone: "M-WS02-07" },
    ],
  },
  {
    vendor: "ACN",
    sow: "SOW-ACN-2025-03",
    title: "Zero-trust access and data minimisation, phase 2",
    kind: "implementation",
    description: "Phase 2: ZTNA and VPN retirement, management-plane segmentation, store passkeys and the second purge wave.",
    signed: "2025-08-25",
    start: "2025-10-01",
    end: "2027-09-30",
    valueCents: 38 * M,
    owner: "pmo",
    shares: { 2: 50, 5: 30, 4: 20 },
    deliverables: [
      { title: "Former-customer purge, wave 2", milestone: "M-WS05-08" },
      { title: "Store and care passkey rollout", milestone: "M-WS04-09" },
      { title: "ZTNA cut-over and VPN retirement", milestone: "M-WS02-08" },
      { title: "Management-plane segmentation", milestone: "M-WS02-09" },
    ],
  },
  {
    vendor: "SHS",
    sow: "SOW-SHS-2022-01",
    title: "24x7 managed detection and response",
    kind: "managed_service",
    description: "Round-the-clock monitoring and first response for servers and endpoints, with escalation to Mandiant.",
    signed: "2022-01-17",
    start: "2022-02-01",
    end: "2025-01-31",
    valueCents: 21 * M,
    owner: "leadSoc",
    shares: { 6: 100 },
    deliverables: [
      { title: "MDR onboarding and 24x7 coverage", milestone: "M-WS06-01" },
      { title: "EDR fleet coverage report", milestone: "M-WS06-02" },
      { title: "Annual service review 2023", due: "2023-02-28", accepted: "2023-03-03" },
      { title: "Transition plan to a co-managed SOC", due: "2024-11-29", accepted: "2024-12-06" },
    ],
  },
  {
    vendor: "SHS",
    sow: "SOW-SHS-2025-02",
    title: "Co-managed SOC and vulnerability scanning service",
    kind: "managed_service",
    description: "Co-managed SOC alongside the in-house tier-2/3 team, plus authenticated scanning of the critical network inventory.",
    signed: "2024-12-16",
    start: "2025-02-01",
    end: "2027-12-31",
    valueCents: (185 * M) / 10,
    owner: "leadSoc",
    shares: { 6: 100 },
    deliverables: [
      { title: "Co-managed runbooks for the top 20 alert types", due: "2025-06-30", accepted: "2025-06-27" },
      { title: "Vulnerability scanning coverage attestation", milestone: "M-WS06-07" },
      { title: "Containment-time report", milestone: "M-WS06-09" },
    ],
  },
  {
    vendor: "MND",
    sow: "SOW-MND-2023-04",
    title: "Annual red team and purple team exercises",
    kind: "red_team",
    description: "Objective-based red teams against customer PII and network management, with purple-team detection validation.",
    signed: "2023-05-15",
    start: "2023-06-01",
    end: "2027-12-15",
    valueCents: (54 * M) / 10,
    owner: "leadSoc",
    shares: { 6: 70, 1: 30 },
    deliverables: [
      { title: "Red team report 2023", due: "2023-11-30", accepted: "2023-12-08" },
      { title: "Red team report 2024", milestone: "M-WS06-06" },
      { title: "External exposure red team 2025", due: "2025-11-28", accepted: "2025-12-05" },
      { title: "Purple-team detection validation 2026", milestone: "M-WS06-08" },
      { title: "Red team report 2027", due: "2027-11-30", accepted: "2027-12-06" },
    ],
  },
  {
    vendor: "NGA",
    sow: "SOW-NGA-2025-01",
    title: "Independent third-party cybersecurity assessment (FCC consent decree)",
    kind: "assessment",
    description: "Annual independent assessments of the programme against the consent decree's measures.",
    signed: "2025-02-10",
    start: "2025-03-03",
    end: "2027-12-17",
    valueCents: (39 * M) / 10,
    owner: "leadGovernance",
    shares: { 8: 100 },
    deliverables: [
      { title: "Year 1 independent assessment report", milestone: "M-WS08-08" },
      { title: "Year 2 independent assessment report", milestone: "M-WS08-09" },
      { title: "Year 3 independent assessment report", milestone: "M-WS08-10" },
    ],
  },
];

export function vendorPlan(code: string): VendorPlan {
  const v = VENDORS.find((x) => x.code === code);
  if (!v) throw new Error(`Unknown demo vendor ${code}`);
  return v;
}
