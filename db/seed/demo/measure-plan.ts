import type { CsfCategory, MeasureDirection, MeasureKind, MeasureUnit } from "#db/schema/measures";
import type { PersonKey } from "./people";

/**
 * The outcome measures a carrier's programme tracks (issue 14), in the
 * measure's unit as people write it (percent, days, count). `actual` is the
 * story the values tell, piecewise linear between its points with a little
 * noise; `target` is the glide path the board approved. The story follows
 * the milestones: MFA for privileged accounts by mid-2023, test environments
 * isolated by 2024, the SOC shortening detection and response; retail-store
 * MFA lags its decree glide path, critical-vulnerability remediation slipped
 * in autumn 2026 as the scanner found a new class of edge devices, third-party
 * assessments trail the decree's 100 %, and the October 2026 retention
 * figure was never filed.
 */
export type MeasurePlan = {
  key: string;
  name: string;
  definition: string;
  unit: MeasureUnit;
  direction: MeasureDirection;
  kind: MeasureKind;
  csf: CsfCategory;
  owner: PersonKey;
  ws: number[];
  obligations: string[];
  amber: number;
  red: number;
  appetite?: number;
  boardKey?: boolean;
  target: Array<[string, number]>;
  actual: Array<[string, number]>;
  /** Noise amplitude, in the unit. */
  noise: number;
  source: string;
  /** Months never filed. */
  missing?: string[];
  /** A value corrected after it was filed: [period, corrected value, days after the first filing]. */
  correction?: [string, number, number];
};

export const MEASURE_PLAN: readonly MeasurePlan[] = [
  {
    key: "MFA-PRIV",
    name: "Privileged accounts on phishing-resistant MFA",
    definition: "Share of privileged (administrative and break-glass) accounts whose every sign-in requires a FIDO2 key or smart card.",
    unit: "percent",
    direction: "higher_better",
    kind: "kpi",
    csf: "PR.AA",
    owner: "leadIdentity",
    ws: [4],
    obligations: ["OB-08"],
    amber: 3,
    red: 8,
    boardKey: true,
    target: [
      ["2022-03", 10],
      ["2023-06", 95],
      ["2024-06", 100],
    ],
    actual: [
      ["2022-01", 4],
      ["2022-12", 58],
      ["2023-06", 93],
      ["2023-12", 98.5],
      ["2024-06", 99.6],
      ["2027-12", 99.8],
    ],
    noise: 0.6,
    source: "Identity governance report (SailPoint), privileged population",
  },
  {
    key: "MFA-RETAIL",
    name: "Retail-store accounts on phishing-resistant MFA",
    definition: "Share of retail-store and dealer accounts with access to customer records that sign in with a phishing-resistant factor.",
    unit: "percent",
    direction: "higher_better",
    kind: "kpi",
    csf: "PR.AA",
    owner: "leadIdentity",
    ws: [4, 7],
    obligations: ["OB-08"],
    amber: 3,
    red: 6,
    boardKey: true,
    target: [
      ["2023-01", 0],
      ["2025-06", 95],
      ["2026-06", 98],
    ],
    actual: [
      ["2023-01", 0],
      ["2024-06", 56],
      ["2025-03", 84],
      ["2025-06", 91],
      ["2026-01", 93.5],
      ["2026-06", 93.5],
      ["2026-10", 91.2],
      ["2027-12", 96],
    ],
    noise: 0.8,
    source: "Store identity platform export, active store accounts",
  },
  {
    key: "EASM-COVERAGE",
    name: "Internet-facing assets inventoried and scanned weekly",
    definition: "Share of internet-facing assets discovered by the attack-surface service that are in the inventory with an owner and scanned every week.",
    unit: "percent",
    direction: "higher_better",
    kind: "kpi",
    csf: "ID.AM",
    owner: "leadEasm",
    ws: [1],
    obligations: ["OB-06", "OB-11"],
    amber: 2,
    red: 5,
    boardKey: true,
    target: [
      ["2022-03", 50],
      ["2023-03", 95],
      ["2024-01", 99],
    ],
    actual: [
      ["2022-01", 38],
      ["2022-09", 81],
      ["2023-03", 95.5],
      ["2024-01", 99.2],
      ["2027-12", 99.6],
    ],
    noise: 0.5,
    source: "EASM platform asset report reconciled to the CMDB",
  },
  {
    key: "TEST-ISOLATED",
    name: "Test environments isolated from production",
    definition: "Share of test and lab environments with no network path to production or customer data, verified by path analysis.",
    unit: "percent",
    direction: "higher_better",
    kind: "kpi",
    csf: "PR.IR",
    owner: "leadNetwork",
    ws: [2],
    obligations: ["OB-07"],
    amber: 3,
    red: 10,
    target: [
      ["2022-06", 10],
      ["2024-12", 100],
    ],
    actual: [
      ["2022-01", 6],
      ["2023-06", 52],
      ["2024-12", 99],
      ["2027-12", 100],
    ],
    noise: 0.7,
    source: "Network path analysis (segmentation verification) report",
  },
  {
    key: "SECRETS-VAULTED",
    name: "Secrets rotated out of code and scripts",
    definition: "Share of credentials found in code, scripts and configuration that have been rotated and moved into the secrets vault.",
    unit: "percent",
    direction: "higher_better",
    kind: "kpi",
    csf: "PR.DS",
    owner: "leadNetwork",
    ws: [3],
    obligations: [],
    amber: 3,
    red: 8,
    target: [
      ["2022-06", 0],
      ["2024-06", 95],
      ["2025-12", 99],
    ],
    actual: [
      ["2022-06", 0],
      ["2023-06", 55],
      ["2024-06", 94],
      ["2025-12", 98.9],
      ["2027-12", 99.3],
    ],
    noise: 0.6,
    source: "Secret-scanning findings closed / found (code host and vault reports)",
  },
  {
    key: "VULN-CRIT-TTR",
    name: "Critical vulnerabilities: mean days to remediate",
    definition:
      "Mean days from detection to verified fix of critical (CVSS 9+) vulnerabilities on internet-facing and crown-jewel systems, closed in the month.",
    unit: "days",
    direction: "lower_better",
    kind: "kri",
    csf: "ID.RA",
    owner: "leadEasm",
    ws: [1],
    obligations: ["OB-11"],
    amber: 3,
    red: 6,
    appetite: 30,
    boardKey: true,
    target: [
      ["2022-01", 60],
      ["2023-12", 15],
      ["2025-12", 10],
    ],
    actual: [
      ["2022-01", 71],
      ["2023-12", 16],
      ["2025-06", 11],
      ["2026-07", 10.5],
      ["2026-09", 18],
      ["2026-11", 23],
      ["2027-03", 12],
      ["2027-12", 9],
    ],
    noise: 0.8,
    source: "Vulnerability management platform, criticals closed in the month",
  },
  {
    key: "MTTD",
    name: "Mean time to detect",
    definition: "Mean days from the first malicious activity to the SOC's detection, over incidents of severity 1–2 closed in the month.",
    unit: "days",
    direction: "lower_better",
    kind: "kpi",
    csf: "DE.AE",
    owner: "leadSoc",
    ws: [6],
    obligations: [],
    amber: 0.5,
    red: 1.5,
    boardKey: true,
    target: [
      ["2022-03", 10],
      ["2023-12", 2],
      ["2025-12", 0.5],
    ],
    actual: [
      ["2022-01", 12.5],
      ["2023-12", 1.9],
      ["2025-12", 0.45],
      ["2027-12", 0.35],
    ],
    noise: 0.1,
    source: "SOC case management (incident timeline)",
    correction: ["2024-03", 1.35, 33],
  },
  {
    key: "MTTR",
    name: "Mean time to respond",
    definition: "Mean days from detection to containment, over incidents of severity 1–2 closed in the month.",
    unit: "days",
    direction: "lower_better",
    kind: "kpi",
    csf: "RS.MA",
    owner: "leadSoc",
    ws: [6],
    obligations: [],
    amber: 0.25,
    red: 1,
    target: [
      ["2022-03", 5],
      ["2023-12", 1],
      ["2025-12", 0.25],
    ],
    actual: [
      ["2022-01", 6.2],
      ["2023-12", 0.95],
      ["2025-12", 0.24],
      ["2027-12", 0.2],
    ],
    noise: 0.05,
    source: "SOC case management (incident timeline)",
  },
  {
    key: "TRAINING-DONE",
    name: "Security training courses completed (cumulative)",
    definition: "Security and privacy courses completed by employees, retail staff and contractors since the programme began.",
    unit: "count",
    direction: "higher_better",
    kind: "kpi",
    csf: "PR.AT",
    owner: "leadAwareness",
    ws: [9],
    obligations: ["OB-10"],
    amber: 15000,
    red: 40000,
    boardKey: true,
    target: [
      ["2022-04", 0],
      ["2022-12", 200000],
      ["2024-12", 650000],
      ["2026-12", 900000],
    ],
    actual: [
      ["2022-03", 0],
      ["2022-12", 214000],
      ["2024-12", 661000],
      ["2026-12", 905000],
      ["2027-12", 1010000],
    ],
    noise: 0,
    source: "Learning management system completions report",
  },
  {
    key: "TPRM-ASSESSED",
    name: "Critical third parties assessed in the last 12 months",
    definition: "Share of critical vendors and partners with an independent security assessment completed in the last twelve months.",
    unit: "percent",
    direction: "higher_better",
    kind: "kpi",
    csf: "GV.SC",
    owner: "leadGovernance",
    ws: [8],
    obligations: ["OB-09"],
    amber: 2,
    red: 8,
    target: [
      ["2022-06", 20],
      ["2024-06", 90],
      ["2025-06", 100],
    ],
    actual: [
      ["2022-06", 18],
      ["2024-06", 88],
      ["2025-06", 95.5],
      ["2027-12", 96.5],
    ],
    noise: 0.4,
    source: "Third-party risk platform, critical tier",
  },
  {
    key: "RETENTION-PURGED",
    name: "Customer records past retention purged",
    definition: "Share of former and prospective customer records past their retention period that have been deleted from every system of record.",
    unit: "percent",
    direction: "higher_better",
    kind: "kpi",
    csf: "PR.DS",
    owner: "leadData",
    ws: [5],
    obligations: ["OB-05"],
    amber: 3,
    red: 8,
    target: [
      ["2023-01", 0],
      ["2025-12", 95],
    ],
    actual: [
      ["2023-01", 0],
      ["2024-06", 47],
      ["2025-12", 95.4],
      ["2027-12", 97.5],
    ],
    noise: 0.5,
    source: "Data retention engine, purge attestation by system",
    missing: ["2026-10"],
  },
  {
    key: "PHISH-CLICK",
    name: "Phishing-simulation click rate",
    definition: "Share of recipients of the monthly phishing simulation who clicked the link.",
    unit: "percent",
    direction: "lower_better",
    kind: "kri",
    csf: "PR.AT",
    owner: "leadAwareness",
    ws: [9],
    obligations: [],
    amber: 1,
    red: 3,
    appetite: 8,
    target: [
      ["2022-04", 15],
      ["2024-12", 4],
      ["2026-12", 3],
    ],
    actual: [
      ["2022-04", 17],
      ["2023-06", 9],
      ["2024-12", 3.8],
      ["2027-12", 2.6],
    ],
    noise: 0.4,
    source: "Phishing simulation platform, monthly campaign",
  },
];
