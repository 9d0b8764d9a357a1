import type { CsfFunction } from "#db/schema/enums";
import type { PersonKey } from "./people";

/** The nine remediation workstreams, one per root cause of the August 2021 breach plus governance and people. */
export type WorkstreamPlan = {
  n: number;
  code: string;
  name: string;
  /** Short label used in narrative text. */
  short: string;
  objective: string;
  owner: PersonKey;
  sponsor: PersonKey;
  csf: CsfFunction[];
  start: string;
  end: string;
};

export const WORKSTREAMS: readonly WorkstreamPlan[] = [
  {
    n: 1,
    code: "WS-01",
    name: "External Attack Surface Management",
    short: "attack surface",
    objective:
      "Know and continuously monitor every internet-facing asset, so that nothing like the exposed test router used in August 2021 can sit unnoticed on the perimeter again.",
    owner: "leadEasm",
    sponsor: "cio",
    csf: ["identify", "protect", "detect"],
    start: "2022-01-03",
    end: "2027-06-30",
  },
  {
    n: 2,
    code: "WS-02",
    name: "Test Environment Isolation & Network Segmentation",
    short: "segmentation",
    objective:
      "Isolate test and lab environments from production and move the network to a zero-trust, segmented architecture, so that a foothold in one environment no longer reaches customer data.",
    owner: "leadNetwork",
    sponsor: "cio",
    csf: ["protect", "identify"],
    start: "2022-01-03",
    end: "2027-09-30",
  },
  {
    n: 3,
    code: "WS-03",
    name: "Credential Hygiene & Secrets Management",
    short: "secrets",
    objective:
      "Eliminate stored and shared credentials: rotate everything the attacker touched, vault every secret and rotate privileged service accounts automatically.",
    owner: "leadNetwork",
    sponsor: "cio",
    csf: ["protect", "identify"],
    start: "2022-02-01",
    end: "2026-03-31",
  },
  {
    n: 4,
    code: "WS-04",
    name: "Identity, MFA & Privileged Access",
    short: "identity",
    objective:
      "Stop brute-force and credential attacks: lockout on every exposed login, privileged access management, and phishing-resistant MFA for admins, then the whole workforce.",
    owner: "leadIdentity",
    sponsor: "cio",
    csf: ["protect", "detect"],
    start: "2022-01-03",
    end: "2027-06-30",
  },
  {
    n: 5,
    code: "WS-05",
    name: "Customer Data Protection & Minimisation",
    short: "data protection",
    objective:
      "Protect and minimise customer PII: encrypt and tokenise SSNs and licence data, and delete former and prospective customers' data once retention ends.",
    owner: "leadData",
    sponsor: "gc",
    csf: ["identify", "protect", "govern"],
    start: "2022-03-01",
    end: "2027-12-15",
  },
  {
    n: 6,
    code: "WS-06",
    name: "Detection & Response (24x7 SOC)",
    short: "detection and response",
    objective:
      "Detect and contain intrusions within hours, not weeks: 24x7 monitoring, EDR everywhere, tested detections, annual red teams and full vulnerability scanning.",
    owner: "leadSoc",
    sponsor: "cio",
    csf: ["detect", "respond", "recover"],
    start: "2022-01-03",
    end: "2027-12-15",
  },
  {
    n: 7,
    code: "WS-07",
    name: "Customer Identity Protection",
    short: "customer protection",
    objective:
      "Protect the customers whose data was taken: PIN resets, account-takeover and SIM-swap controls, two years of identity protection and settlement claims support.",
    owner: "leadFraud",
    sponsor: "cfo",
    csf: ["respond", "recover"],
    start: "2022-01-03",
    end: "2023-12-15",
  },
  {
    n: 8,
    code: "WS-08",
    name: "Governance, Third-Party Assurance & Board Reporting",
    short: "governance",
    objective:
      "Run the programme and prove it: policy framework, supplier assurance, independent assessments, the FCC compliance plan and quarterly reporting to the board.",
    owner: "leadGovernance",
    sponsor: "ceo",
    csf: ["govern", "identify"],
    start: "2022-01-03",
    end: "2027-12-31",
  },
  {
    n: 9,
    code: "WS-09",
    name: "Security Awareness & Training",
    short: "awareness",
    objective:
      "Make every employee, store and care-centre colleague a control: mandatory and role-based training (about 900,000 courses) and continuous phishing simulation.",
    owner: "leadAwareness",
    sponsor: "gc",
    csf: ["govern", "protect"],
    start: "2022-04-01",
    end: "2027-12-31",
  },
];

export type WorkstreamIds = Map<number, number>;

export function workstreamPlan(n: number): WorkstreamPlan {
  const ws = WORKSTREAMS.find((w) => w.n === n);
  if (!ws) throw new Error(`Unknown demo workstream ${n}`);
  return ws;
}
