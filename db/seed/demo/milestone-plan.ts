/**
 * The milestone plan, fixed in calendar time. `done` is the day the work is
 * (or will be) finished: a milestone is complete when `done` <= today and open
 * with that forecast otherwise. `staleForecast` is a forecast the lead stopped
 * updating: between it and `done` the milestone shows as overdue. Baseline
 * changes count only once their `on` date has passed.
 */
export type Rebaseline = { to: string; on: string; reason: string };

export type MilestonePlan = {
  ws: number;
  title: string;
  description: string;
  baseline: string;
  done: string;
  weight: number;
  critical?: boolean;
  rebaselines?: Rebaseline[];
  staleForecast?: string;
  /** Added to the plan after approval (e.g. the consent decree's measures). */
  addedOn?: string;
  cancelledOn?: string;
};

const FCC = "2024-10-07";

type Row = [title: string, description: string, baseline: string, done: string, weight: number, extra?: Partial<MilestonePlan>];

const PLAN: Record<number, Row[]> = {
  1: [
    [
      "Discover every internet-facing asset across all ASNs and cloud tenants",
      "Authoritative inventory of external IPs, domains and cloud endpoints, reconciled with the CMDB.",
      "2022-03-31",
      "2022-03-25",
      2,
    ],
    [
      "Decommission exposed test router estate",
      "Remove the internet-reachable test routers of the kind used as the 2021 entry point, and their firewall rules.",
      "2022-04-30",
      "2022-06-17",
      3,
      { critical: true },
    ],
    [
      "Continuous external attack surface monitoring with daily scans",
      "EASM platform scanning every external range daily, with findings routed to owners.",
      "2022-09-30",
      "2022-09-28",
      3,
    ],
    [
      "Close internet-exposed management interfaces (SSH, Telnet, SNMP)",
      "No management protocol reachable from the internet on any owned range.",
      "2022-12-15",
      "2023-02-10",
      3,
      { critical: true },
    ],
    [
      "External penetration test closed with no critical findings open",
      "Independent external test of the perimeter; every critical finding remediated and retested.",
      "2023-06-30",
      "2023-06-23",
      2,
    ],
    [
      "Bring acquired-network IP ranges under EASM coverage",
      "Legacy ranges from the network integration identified, owned and monitored.",
      "2023-12-15",
      "2024-06-14",
      2,
      {
        staleForecast: "2024-04-30",
        rebaselines: [
          {
            to: "2024-06-28",
            on: "2023-11-20",
            reason: "Integration freeze delayed the carve-out inventory; ownership records were incomplete for 41 legacy ranges.",
          },
        ],
      },
    ],
    [
      "Automated takedown of shadow-IT cloud exposures within 24 hours",
      "Unapproved cloud exposures detected and closed automatically within one day.",
      "2024-12-13",
      "2025-02-28",
      2,
      { staleForecast: "2024-12-13" },
    ],
    ["Mean time to remediate external exposures under 72 hours", "Sustained for a full quarter across all business units.", "2025-12-12", "2025-12-05", 2],
    [
      "EASM transitioned to the run organisation with scanning evidence",
      "Operations own the platform; monthly scanning evidence filed for the consent decree.",
      "2027-06-30",
      "2027-06-25",
      2,
    ],
  ],
  2: [
    [
      "Inventory every test, lab and staging environment",
      "Named owner, data classification and network path recorded for each non-production environment.",
      "2022-03-31",
      "2022-03-30",
      2,
    ],
    [
      "Segment lab network from production",
      "Test and lab networks separated from production by default-deny firewalls.",
      "2022-09-30",
      "2022-09-23",
      4,
      { critical: true },
    ],
    [
      "Replace production customer data in test environments with synthetic data",
      "No production customer record in any test environment; synthetic data service in place.",
      "2023-03-31",
      "2023-05-10",
      3,
      { critical: true },
    ],
    [
      "Jump-host-only administrative access to the core network",
      "All administrative sessions to core network devices brokered and recorded.",
      "2023-12-15",
      "2024-01-31",
      3,
      { staleForecast: "2023-12-15" },
    ],
    [
      "Zero-trust architecture blueprint approved",
      "Target architecture, reference patterns and migration waves approved by the architecture board.",
      "2024-06-28",
      "2024-06-21",
      2,
    ],
    [
      "Certified inventory of critical network assets (FCC)",
      "Inventory of critical network assets maintained and certified, as the consent decree requires.",
      "2025-03-31",
      "2025-03-28",
      3,
      { addedOn: FCC },
    ],
    [
      "Micro-segmentation of customer data zones (billing, CRM, credit)",
      "Host-level segmentation of the systems that hold customer PII.",
      "2025-06-30",
      "2026-03-20",
      4,
      {
        critical: true,
        staleForecast: "2025-12-12",
        rebaselines: [
          {
            to: "2025-12-12",
            on: "2025-05-12",
            reason: "The micro-segmentation agent is incompatible with the legacy billing hosts; re-planned with a host-firewall approach.",
          },
        ],
      },
    ],
    [
      "Zero-trust network access replaces employee VPN",
      "Every employee and contractor reaches internal applications through ZTNA with device posture; VPN retired.",
      "2026-06-30",
      "2027-05-28",
      4,
      {
        critical: true,
        staleForecast: "2027-03-31",
        rebaselines: [
          {
            to: "2027-03-31",
            on: "2026-05-18",
            reason: "VPN retirement blocked by 14 legacy OSS tools that cannot present device posture; vendor upgrades scheduled.",
          },
        ],
      },
    ],
    [
      "Core network management plane segmented and independently validated",
      "Management plane isolated; segmentation tested by the independent assessor.",
      "2027-09-30",
      "2027-09-24",
      3,
      { critical: true },
    ],
  ],
  3: [
    [
      "Rotate every credential on servers the attacker touched",
      "All local, service and domain credentials on the compromised estate rotated and verified.",
      "2022-02-28",
      "2022-02-25",
      3,
      { critical: true },
    ],
    [
      "Sweep code repositories and file shares for stored credentials",
      "Secrets scanning across all repositories and shares; every finding rotated or removed.",
      "2022-06-30",
      "2022-06-10",
      2,
    ],
    [
      "Enterprise secrets vault live in production",
      "Highly available vault with HSM-backed keys, break-glass and audit logging.",
      "2022-12-15",
      "2023-01-27",
      4,
      { critical: true },
    ],
    [
      "Vault onboarding wave 1: service accounts of customer-data systems",
      "Service accounts of systems holding customer PII issue credentials from the vault.",
      "2023-06-30",
      "2023-06-16",
      3,
    ],
    [
      "Vault onboarding wave 2: network and OSS service accounts",
      "Network management and OSS platforms use vault-issued credentials.",
      "2023-12-15",
      "2024-09-13",
      3,
      {
        staleForecast: "2024-06-28",
        rebaselines: [
          { to: "2024-06-28", on: "2023-10-09", reason: "OSS vendors need firmware updates before their platforms can use vault-issued credentials." },
        ],
      },
    ],
    [
      "Hard-coded secrets removed from CI/CD pipelines",
      "Pipelines fetch short-lived secrets at run time; pre-commit scanning blocks new ones.",
      "2024-12-13",
      "2024-11-29",
      2,
    ],
    [
      "Automated rotation for every privileged service account",
      "Rotation at least every 90 days, verified by the vault's reports.",
      "2025-09-30",
      "2025-09-26",
      3,
    ],
    ["Secrets management handed over to IT operations", "Run-book, support model and KPIs accepted by IT operations.", "2026-03-31", "2026-03-27", 1],
  ],
  4: [
    [
      "Lockout and brute-force protection on every externally reachable login",
      "Rate limiting, lockout and alerting on every internet-facing authentication point.",
      "2022-02-28",
      "2022-02-18",
      3,
      { critical: true },
    ],
    ["MFA for all remote access and VPN", "No remote access path without a second factor.", "2022-06-30", "2022-06-24", 3],
    [
      "Privileged access management vault for domain and database admins",
      "Admin credentials checked out from PAM with session recording.",
      "2022-12-15",
      "2023-02-24",
      4,
      { critical: true },
    ],
    [
      "On-premises PAM appliance for network devices",
      "Dropped in favour of extending the SaaS PAM service to network devices.",
      "2023-09-29",
      "2023-05-15",
      1,
      { cancelledOn: "2023-05-15" },
    ],
    [
      "Phishing-resistant MFA for all privileged admins",
      "FIDO2 security keys required for every privileged account.",
      "2023-09-29",
      "2024-03-15",
      4,
      {
        critical: true,
        rebaselines: [{ to: "2024-03-29", on: "2023-08-21", reason: "Hardware key supply shortage: 4,100 FIDO2 keys back-ordered until January 2024." }],
      },
    ],
    [
      "Just-in-time privileged access for cloud consoles",
      "Standing cloud admin roles removed; access granted per task and expires.",
      "2024-09-30",
      "2024-09-27",
      2,
    ],
    [
      "Phishing-resistant MFA for all employees and contractors (FCC)",
      "FIDO2 or platform passkeys for every workforce identity, as the consent decree requires.",
      "2025-09-30",
      "2025-12-12",
      4,
      { critical: true, staleForecast: "2025-10-31", addedOn: FCC },
    ],
    [
      "Identity threat detection and response for the directory",
      "Detections for directory abuse (Kerberoasting, DCSync, password spraying) with automated containment.",
      "2026-06-30",
      "2026-06-12",
      2,
    ],
    [
      "Phishing-resistant MFA for retail store and care staff",
      "Store and care-centre staff sign in with passkeys on shared devices.",
      "2026-12-11",
      "2027-02-26",
      3,
      { addedOn: FCC },
    ],
    [
      "Automated quarterly access recertification",
      "Managers recertify access quarterly in the IGA tool; revocations applied automatically.",
      "2027-06-30",
      "2027-06-18",
      2,
    ],
  ],
  5: [
    [
      "Map where customer PII lives (SSN, licence, IMEI/IMSI)",
      "Data map of every store of the data types taken in 2021, with owners.",
      "2022-06-30",
      "2022-06-24",
      2,
    ],
    [
      "Encrypt SSN and driver's licence fields at rest",
      "Field-level encryption in the customer database and its replicas.",
      "2022-12-15",
      "2022-12-09",
      4,
      { critical: true },
    ],
    [
      "Tokenise SSNs in billing and credit-check flows",
      "Billing and credit systems handle tokens; only the vault can detokenise.",
      "2023-09-29",
      "2023-11-17",
      4,
      { critical: true },
    ],
    [
      "Retention schedule approved for former and prospective customers",
      "Legal-approved retention periods for each customer data category.",
      "2023-06-30",
      "2023-06-28",
      2,
    ],
    [
      "Purge prospective-customer records past retention",
      "Credit-application data of people who never became customers deleted after retention.",
      "2024-03-29",
      "2024-10-18",
      3,
      {
        staleForecast: "2024-09-30",
        rebaselines: [{ to: "2024-09-30", on: "2024-03-04", reason: "Legal-hold review for pending litigation must clear each data set before deletion." }],
      },
    ],
    [
      "Data minimisation and disposal programme in force (FCC)",
      "Documented minimisation and disposal controls, as the consent decree requires.",
      "2025-06-30",
      "2025-06-27",
      3,
      { addedOn: FCC },
    ],
    [
      "Data loss prevention on customer data exports",
      "DLP blocks unapproved bulk exports of customer PII from core systems.",
      "2025-12-12",
      "2026-02-27",
      2,
      { staleForecast: "2025-12-12" },
    ],
    [
      "Purge former-customer records past retention (wave 2)",
      "Records of former customers beyond retention deleted from billing, CRM and archives.",
      "2026-09-30",
      "2027-01-29",
      3,
      { critical: true, staleForecast: "2026-10-30" },
    ],
    [
      "Annual data disposal attestation (FCC)",
      "Attestation of disposal completed under the retention schedule.",
      "2027-11-30",
      "2027-11-19",
      2,
      { addedOn: FCC },
    ],
    [
      "IMSI and IMEI encrypted in network analytics platforms",
      "Subscriber and device identifiers pseudonymised in analytics data lakes.",
      "2027-09-30",
      "2028-03-31",
      3,
      { staleForecast: "2027-12-10" },
    ],
  ],
  6: [
    [
      "24x7 managed detection and response live",
      "Managed detection and response covering all servers, with Mandiant on retainer.",
      "2022-03-31",
      "2022-03-30",
      3,
      { critical: true },
    ],
    [
      "EDR on 100% of servers, including test environments",
      "Endpoint detection on every server, test and lab hosts included.",
      "2022-09-30",
      "2022-11-18",
      3,
      { critical: true },
    ],
    [
      "SIEM coverage of all crown-jewel systems",
      "Security logs of every crown-jewel system centralised with 13 months' retention.",
      "2023-03-31",
      "2023-03-24",
      3,
    ],
    [
      "Detections for credential abuse and lateral movement",
      "Tested detections for brute force, credential stuffing and lateral movement.",
      "2023-09-29",
      "2023-09-29",
      2,
    ],
    [
      "In-house tier-2/3 SOC staffed 24x7",
      "Own analysts on every shift for investigation and response.",
      "2024-06-28",
      "2024-08-30",
      3,
      { staleForecast: "2024-06-28" },
    ],
    ["Red team: crown jewels not reached", "Annual red team fails to reach customer PII or core network management.", "2024-12-13", "2024-12-13", 2],
    [
      "Vulnerability scanning covers 100% of network assets (FCC)",
      "Authenticated scanning of every asset in the critical network inventory, as the consent decree requires.",
      "2025-12-12",
      "2025-12-12",
      3,
      { addedOn: FCC },
    ],
    [
      "Purple-team validated detections (70% ATT&CK coverage)",
      "Detections validated against the techniques used by telecom-focused threat actors.",
      "2026-09-30",
      "2026-12-11",
      2,
      { rebaselines: [{ to: "2026-12-11", on: "2026-08-24", reason: "Red-team window moved to avoid the holiday-season change freeze." }] },
    ],
    ["Critical incidents contained in under 4 hours", "Measured over two consecutive quarters.", "2027-09-30", "2027-09-30", 2],
  ],
  7: [
    [
      "Reset customer account PINs exposed in the breach",
      "Every exposed account PIN reset and customers notified.",
      "2022-02-28",
      "2022-02-25",
      3,
      { critical: true },
    ],
    ["Account takeover protection on every postpaid account", "Port-out and account-change protection enabled by default.", "2022-03-31", "2022-03-25", 3],
    [
      "SIM-swap and port-out fraud controls in retail and care",
      "Step-up verification before SIM changes and port-outs in stores and care centres.",
      "2022-09-30",
      "2022-09-23",
      3,
      { critical: true },
    ],
    [
      "Identity-protection enrolment window closes with two-year coverage",
      "Enrolment campaign closed; coverage confirmed for every enrolled customer.",
      "2022-12-15",
      "2022-12-15",
      2,
    ],
    ["Settlement claims support desk live", "Dedicated desk for class members' claims and identity-restoration questions.", "2023-07-31", "2023-07-28", 2],
    [
      "Identity protection handed over to fraud operations",
      "Monitoring, restoration and claims support transferred to business as usual.",
      "2023-11-30",
      "2023-11-17",
      1,
    ],
  ],
  8: [
    [
      "Cybersecurity Transformation Office chartered, reporting to the CEO",
      "Charter, mandate and governance forums approved by the CEO.",
      "2022-01-31",
      "2022-01-21",
      2,
    ],
    ["KPMG policy and controls review findings accepted", "Management responses agreed for every KPMG finding.", "2022-06-30", "2022-06-30", 2],
    ["Security policy framework rewritten (NIST CSF aligned)", "Policies and standards rewritten and mapped to NIST CSF.", "2022-12-15", "2022-12-09", 2],
    [
      "Risk-tiering of 1,800 suppliers complete",
      "Every supplier with access to data or networks tiered, critical ones assessed.",
      "2023-06-30",
      "2023-12-08",
      3,
      { rebaselines: [{ to: "2023-12-15", on: "2023-05-22", reason: "Supplier questionnaire response rate was 38%; procurement gating had to come first." }] },
    ],
    [
      "Compliance plan filed with the FCC",
      "Compliance plan and compliance officer in place under the consent decree.",
      "2024-12-31",
      "2024-12-20",
      3,
      { critical: true, addedOn: FCC },
    ],
    [
      "Written information security programme adopted (FCC)",
      "Board-approved written programme covering the consent decree's measures.",
      "2025-01-31",
      "2025-01-24",
      2,
      { addedOn: FCC },
    ],
    [
      "CISO quarterly reporting to the board formalised (FCC)",
      "Standing agenda item and reporting pack for the board and audit committee.",
      "2025-03-31",
      "2025-03-31",
      1,
      { addedOn: FCC },
    ],
    [
      "Independent assessment, year 1 (FCC)",
      "Independent third-party assessment of the programme, report filed.",
      "2025-09-30",
      "2025-10-24",
      3,
      { staleForecast: "2025-09-30", addedOn: FCC },
    ],
    [
      "Independent assessment, year 2 (FCC)",
      "Second annual independent assessment, report filed.",
      "2026-09-30",
      "2026-12-04",
      3,
      { staleForecast: "2026-10-31", addedOn: FCC },
    ],
    [
      "Independent assessment, year 3, and programme close-out",
      "Final independent assessment; programme closed into business as usual.",
      "2027-11-30",
      "2027-11-26",
      2,
    ],
  ],
  9: [
    ["Mandatory security awareness course for all employees", "Completed by every employee and contractor with network access.", "2022-06-30", "2022-06-30", 2],
    [
      "Monthly phishing simulation programme launched",
      "Simulations for all staff with just-in-time training for those who click.",
      "2022-09-30",
      "2022-09-16",
      1,
    ],
    ["Role-based training for developers and administrators", "Secure coding and privileged-user courses assigned by role.", "2023-03-31", "2023-03-24", 2],
    ["500,000 courses completed", "Cumulative course completions across the workforce.", "2023-09-29", "2023-09-22", 1],
    ["Social-engineering training for retail and care staff", "Scenario training on SIM-swap and account-takeover pretexts.", "2024-03-29", "2024-03-29", 2],
    ["900,000 courses completed", "Cumulative course completions across the workforce.", "2024-12-13", "2024-12-06", 1],
    [
      "Annual training 2025: 98% completion (FCC)",
      "Annual security training completed, as the consent decree requires.",
      "2025-12-12",
      "2025-12-12",
      2,
      { addedOn: FCC },
    ],
    [
      "Annual training 2026: 98% completion (FCC)",
      "Annual security training completed, as the consent decree requires.",
      "2026-12-11",
      "2026-12-11",
      2,
      { addedOn: FCC },
    ],
    [
      "Annual training 2027: 98% completion (FCC)",
      "Annual security training completed, as the consent decree requires.",
      "2027-12-10",
      "2027-12-10",
      2,
      { addedOn: FCC },
    ],
  ],
};

export type PlannedMilestone = MilestonePlan & { code: string };

export const MILESTONE_PLAN: readonly PlannedMilestone[] = Object.entries(PLAN).flatMap(([ws, rows]) =>
  rows.map(([title, description, baseline, done, weight, extra], i) => ({
    ws: Number(ws),
    code: `M-WS${String(ws).padStart(2, "0")}-${String(i + 1).padStart(2, "0")}`,
    title,
    description,
    baseline,
    done,
    weight,
    ...extra,
  })),
);

/** [milestone, depends on]: each dependency finishes before its dependant, so there is no cycle. */
export const DEPENDENCIES: readonly [string, string][] = [
  ["M-WS01-04", "M-WS01-01"],
  ["M-WS02-02", "M-WS02-01"],
  ["M-WS02-07", "M-WS02-05"],
  ["M-WS02-08", "M-WS02-07"],
  ["M-WS02-08", "M-WS04-07"],
  ["M-WS03-04", "M-WS03-03"],
  ["M-WS03-05", "M-WS03-04"],
  ["M-WS04-05", "M-WS04-03"],
  ["M-WS04-07", "M-WS04-05"],
  ["M-WS04-09", "M-WS04-07"],
  ["M-WS05-03", "M-WS05-02"],
  ["M-WS05-08", "M-WS05-05"],
  ["M-WS06-06", "M-WS06-03"],
  ["M-WS08-09", "M-WS08-08"],
];

export function plannedMilestone(code: string): PlannedMilestone {
  const m = MILESTONE_PLAN.find((x) => x.code === code);
  if (!m) throw new Error(`Unknown demo milestone ${code}`);
  return m;
}
