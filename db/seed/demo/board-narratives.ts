/**
 * What the Cybersecurity Transformation Office told the board each quarter.
 * The figures line that opens each summary is computed from the frozen
 * snapshot; these texts carry the story of the quarter.
 */
export type Narrative = { summary: string; highlights: string[]; concerns: string[]; decisions: string[] };

export const NARRATIVES: Record<string, Narrative> = {
  "FY2022-Q1": {
    summary:
      "The Cybersecurity Transformation Office is chartered and reporting to the CEO; the immediate containment work that followed the August 2021 breach is closed out and the nine workstreams are mobilised.",
    highlights: [
      "Every credential on the servers the attacker touched has been rotated and verified with Mandiant (M-WS03-01).",
      "Lockout and brute-force protection is live on every externally reachable login (M-WS04-01).",
      "Exposed customer PINs reset; account-takeover protection on every postpaid account (WS-07).",
      "24x7 managed detection and response went live on 30 March with Sentinel Harbor (M-WS06-01).",
    ],
    concerns: ["Decommissioning the exposed test router estate is behind plan: 60 devices remain, owned by teams still being identified."],
    decisions: ["Approve Accenture as implementation partner (SOW-ACN-2022-01, $96M over four years)."],
  },
  "FY2022-Q2": {
    summary:
      "The entry point used in 2021 is closed: the exposed test routers are decommissioned, seven weeks late. KPMG's review of policies and controls is accepted.",
    highlights: [
      "Exposed test router estate decommissioned on 17 June (M-WS01-02).",
      "MFA on all remote access and VPN (M-WS04-02).",
      "Repository and file-share sweep for stored credentials complete (M-WS03-02).",
      "Every employee has completed the mandatory awareness course (M-WS09-01).",
    ],
    concerns: [
      "Management interfaces (SSH, Telnet, SNMP) are still reachable on some legacy ranges.",
      "EDR deployment on test and lab servers is slower than planned.",
    ],
    decisions: ["Endorse the KPMG management responses and the FY2023 roadmap refresh from Mandiant."],
  },
  "FY2022-Q3": {
    summary:
      "The class-action settlement commits the company to $150M of additional data-security spend in 2022–2023; the programme now tracks qualifying spend invoice by invoice. Lab networks are segmented from production.",
    highlights: [
      "Lab network segmented from production on 23 September (M-WS02-02).",
      "Continuous external attack surface monitoring with daily scans (M-WS01-03).",
      "SIM-swap and port-out fraud controls live in retail and care (M-WS07-03).",
      "Monthly phishing simulations launched for all staff.",
    ],
    concerns: ["EDR coverage of servers will miss its September baseline; forecast mid-November."],
    decisions: ["Adopt the settlement-spend tagging rules and report progress against the $150M every quarter."],
  },
  "FY2022-Q4": {
    summary:
      "A strong quarter for data protection: SSNs and licence data are encrypted at rest and the policy framework is rewritten. Two critical-path items, the secrets vault and the PAM vault, move into Q1.",
    highlights: [
      "EDR on 100% of servers, including test environments (M-WS06-02).",
      "SSN and driver's licence fields encrypted at rest (M-WS05-02).",
      "Security policy framework rewritten on NIST CSF (M-WS08-03).",
      "Identity-protection enrolment window closed with two-year coverage confirmed.",
    ],
    concerns: ["Secrets vault and PAM vault both slipped past their December baselines.", "Management interfaces still exposed on 11 legacy ranges."],
    decisions: ["Approve the FY2023 plan and the KPMG third-party risk engagement (SOW-KPMG-2023-02)."],
  },
  "FY2023-Q1": {
    summary:
      "The vaults are live: the enterprise secrets vault and the PAM vault both reached production, and no management interface is reachable from the internet any more.",
    highlights: [
      "Enterprise secrets vault live (M-WS03-03) and PAM vault for domain and database admins (M-WS04-03).",
      "Internet-exposed management interfaces closed (M-WS01-04).",
      "SIEM covers every crown-jewel system (M-WS06-03).",
      "Role-based training for developers and administrators launched.",
    ],
    concerns: [
      "Replacing production customer data in test environments with synthetic data will miss March.",
      "Supplier questionnaire response rate is only 38%.",
    ],
    decisions: ["Commission an annual independent red team from Mandiant and report it to the Audit Committee."],
  },
  "FY2023-Q2": {
    summary: "No production customer data remains in test environments. The settlement received final approval on 29 June; qualifying spend is ahead of pace.",
    highlights: [
      "Synthetic data replaces production data in every test environment (M-WS02-03, five weeks late).",
      "External penetration test closed with no critical findings open.",
      "Wave 1 of vault onboarding covers every customer-data system (M-WS03-04).",
      "Retention schedule approved for former and prospective customers (M-WS05-04).",
    ],
    concerns: ["Supplier tiering re-baselined to December after procurement gating was added.", "Hardware key supply for FIDO2 is tight across the industry."],
    decisions: ["Cancel the on-premises PAM appliance in favour of the SaaS PAM service (saves $1.4M)."],
  },
  "FY2023-Q3": {
    summary:
      "Phishing-resistant MFA for administrators is re-baselined to March 2024 because 4,100 FIDO2 keys are back-ordered; detection of credential abuse and lateral movement is in place.",
    highlights: [
      "Detections for credential abuse and lateral movement tested and live (M-WS06-04).",
      "500,000 training courses completed.",
      "Settlement claims support desk live for class members.",
    ],
    concerns: [
      "SSN tokenisation in billing and credit-check flows is slipping past its September baseline.",
      "OSS vendors need firmware updates before their platforms can use vault-issued credentials.",
    ],
    decisions: ["Approve the re-baseline of phishing-resistant MFA for privileged admins to 29 March 2024, with a board commitment to that date."],
  },
  "FY2023-Q4": {
    summary:
      "The settlement commitment is met: qualifying 2022–2023 spend passed $150M. SSNs are tokenised and customer identity protection has been handed over to fraud operations.",
    highlights: [
      "SSNs tokenised in billing and credit-check flows (M-WS05-03).",
      "WS-07 Customer Identity Protection closed into business as usual.",
      "1,800 suppliers risk-tiered (M-WS08-04).",
      "First Mandiant red team under the new engagement completed.",
    ],
    concerns: ["Jump-host-only access to the core network missed December.", "Vault onboarding wave 2 re-baselined to June 2024."],
    decisions: ["Approve the FY2024 plan; ask KPMG for agreed-upon procedures on settlement spend."],
  },
  "FY2024-Q1": {
    summary:
      "KPMG's agreed-upon procedures confirmed settlement spend above $150M. The board's commitment on phishing-resistant MFA for privileged administrators was met two weeks early.",
    highlights: [
      "FIDO2 keys enforced for every privileged account on 15 March (M-WS04-05).",
      "Jump-host-only access to the core network (M-WS02-04).",
      "Social-engineering training for retail and care staff.",
      "Continuous supplier monitoring live.",
    ],
    concerns: ["Purging prospective-customer records is re-baselined to September: legal-hold review must clear each data set first."],
    decisions: ["Note the settlement obligation as met and close risk R-027 at the next review."],
  },
  "FY2024-Q2": {
    summary:
      "The zero-trust blueprint is approved and the acquired-network ranges are under continuous monitoring. SOC staffing is now the tightest constraint.",
    highlights: ["Zero-trust architecture blueprint approved (M-WS02-05).", "Acquired-network IP ranges under EASM coverage (M-WS01-06)."],
    concerns: ["In-house tier-2/3 SOC will not be fully staffed by June.", "Vault onboarding wave 2 forecast is slipping again."],
    decisions: ["Fund the zero-trust migration waves from FY2025 as set out in the blueprint."],
  },
  "FY2024-Q3": {
    summary:
      "On 30 September the FCC adopted consent decree DA 24-860: a $15.75M penalty, $15.75M of cybersecurity spend over two years and ten required measures. All are now tracked as obligations in this report.",
    highlights: [
      "In-house SOC staffed 24x7 (M-WS06-05).",
      "Vault onboarding wave 2 complete (M-WS03-05).",
      "Just-in-time privileged access for cloud consoles (M-WS04-06).",
    ],
    concerns: ["The prospective-customer purge is overdue against its September forecast."],
    decisions: ["Accept the consent decree's measures into the programme; the General Counsel owns the compliance plan."],
  },
  "FY2024-Q4": {
    summary:
      "The compliance plan is filed with the FCC and the annual red team did not reach the crown jewels. Qualifying decree spend is being tagged from 1 October.",
    highlights: [
      "Compliance plan filed with the FCC (M-WS08-05).",
      "Red team: customer PII and network management not reached (M-WS06-06).",
      "Prospective-customer records past retention purged.",
      "Hard-coded secrets removed from CI/CD pipelines.",
      "900,000 training courses completed since 2022.",
    ],
    concerns: ["Automated takedown of shadow-IT cloud exposures is overdue.", "SOC analyst attrition after the in-house build-out."],
    decisions: ["Approve the FY2025 plan and the co-managed SOC renewal with Sentinel Harbor (SOW-SHS-2025-02)."],
  },
  "FY2025-Q1": {
    summary:
      "The written information security programme is adopted and the CISO now reports to the board every quarter under the decree. Northgate Assurance is appointed as independent assessor.",
    highlights: [
      "Written information security programme adopted (M-WS08-06).",
      "Certified inventory of critical network assets (M-WS02-06).",
      "Automated takedown of shadow-IT exposures within 24 hours.",
    ],
    concerns: ["Phishing-resistant MFA for the whole workforce is the largest decree measure still open."],
    decisions: ["Confirm Northgate Assurance LLP as independent third-party assessor (SOW-NGA-2025-01)."],
  },
  "FY2025-Q2": {
    summary:
      "The data minimisation and disposal programme is in force. Micro-segmentation of the customer data zones is re-baselined to December, and AI voice-cloning attacks on care centres have raised social-engineering risk.",
    highlights: ["Data minimisation and disposal programme in force (M-WS05-06).", "Co-managed SOC runbooks for the top 20 alert types."],
    concerns: [
      "R-013 raised to high: voice-cloning pretexting against care centres tripled in the quarter.",
      "Micro-segmentation agent incompatible with the legacy billing hosts; host-firewall approach adopted.",
    ],
    decisions: ["Approve the micro-segmentation re-baseline to 12 December 2025."],
  },
  "FY2025-Q3": {
    summary:
      "Privileged service-account rotation is fully automated. Phase 2 of the Accenture implementation is signed to finish zero-trust access and data minimisation by 2027.",
    highlights: ["Automated rotation for every privileged service account (M-WS03-07).", "Accenture phase 2 signed (SOW-ACN-2025-03, $38M)."],
    concerns: ["The year-1 independent assessment report is late.", "Phishing-resistant MFA for all employees will miss its September baseline."],
    decisions: ["Approve Accenture phase 2 within the FY2026–FY2027 envelope."],
  },
  "FY2025-Q4": {
    summary:
      "Four decree measures advanced: phishing-resistant MFA for the whole workforce, full vulnerability-scanning coverage, annual training and the first independent assessment.",
    highlights: [
      "Phishing-resistant MFA for all employees and contractors (M-WS04-07).",
      "Vulnerability scanning covers every network asset (M-WS06-07).",
      "Annual training 2025 at 98% completion.",
      "Year-1 independent assessment filed (M-WS08-08).",
    ],
    concerns: ["DLP on customer data exports and micro-segmentation are both overdue.", "Segmentation spend is running well above plan."],
    decisions: ["Approve the FY2026 plan, including contingency for segmentation."],
  },
  "FY2026-Q1": {
    summary: "Customer data zones are micro-segmented and Credential Hygiene & Secrets Management has closed. Segmentation cost is the main financial concern.",
    highlights: [
      "Micro-segmentation of billing, CRM and credit zones complete (M-WS02-07).",
      "DLP on customer data exports (M-WS05-07).",
      "WS-03 handed over to IT operations and closed.",
    ],
    concerns: [
      "WS-02 actuals are more than 10% above plan to date: contractor overtime and extra firewall capacity.",
      "Retiring the VPN depends on OSS vendor upgrades that have no dates yet.",
    ],
    decisions: ["Ask the CFO and CIO for a cost-to-complete review of WS-02."],
  },
  "FY2026-Q2": {
    summary: "ZTNA and VPN retirement are re-baselined to March 2027; identity threat detection for the directory is live.",
    highlights: ["Identity threat detection and response for the directory (M-WS04-08)."],
    concerns: ["Re-baseline of M-WS02-08 puts the zero-trust decree measure at risk.", "Former-customer purge wave 2 depends on legal-hold capacity."],
    decisions: ["Approve the ZTNA re-baseline and escalate the OSS vendor upgrades to executive level."],
  },
  "FY2026-Q3": {
    summary:
      "The two-year FCC spend window closed on 30 September with the $15.75M commitment met. The year-2 independent assessment and the purge of former customers' records are late.",
    highlights: ["Decree spend commitment met within the window.", "Scanning coverage held at 100% for two quarters."],
    concerns: ["Year-2 independent assessment overdue.", "Former-customer purge wave 2 missed its September baseline."],
    decisions: ["Approve moving the purple-team exercise out of the holiday change freeze."],
  },
  "FY2026-Q4": {
    summary: "Year-2 independent assessment filed, purple-team detections validated and annual training complete for 2026.",
    highlights: [
      "Year-2 independent assessment filed (M-WS08-09).",
      "Purple-team validated detections at 70% ATT&CK coverage (M-WS06-08).",
      "Annual training 2026 at 98% completion.",
    ],
    concerns: ["Former-customer purge wave 2 and store-staff passkeys slip into Q1 2027."],
    decisions: ["Approve the FY2027 plan, the programme's last year."],
  },
  "FY2027-Q1": {
    summary: "Former customers' records past retention are purged and store and care staff sign in with passkeys. ZTNA is the last critical-path item.",
    highlights: ["Former-customer purge wave 2 complete (M-WS05-08).", "Passkeys for retail store and care staff (M-WS04-09)."],
    concerns: ["ZTNA cut-over is overdue against its March forecast."],
    decisions: ["Start planning the transition of the programme into business as usual."],
  },
  "FY2027-Q2": {
    summary:
      "The VPN is retired: every employee reaches internal applications through zero-trust access. Attack surface management has moved to the run organisation.",
    highlights: [
      "ZTNA replaces the employee VPN (M-WS02-08).",
      "Automated quarterly access recertification (M-WS04-10).",
      "EASM transitioned to the run organisation (M-WS01-09).",
    ],
    concerns: ["IMSI/IMEI pseudonymisation in analytics is at risk for its September baseline; forecast December."],
    decisions: ["Approve the close-out criteria for the programme."],
  },
  "FY2027-Q3": {
    summary: "The core network management plane is segmented and independently validated; critical incidents are contained in under four hours.",
    highlights: [
      "Management-plane segmentation validated by the independent assessor (M-WS02-09).",
      "Critical incidents contained in under 4 hours (M-WS06-09).",
    ],
    concerns: ["IMSI/IMEI pseudonymisation in analytics missed its September baseline; data-lake owners need the tokenisation service extended first."],
    decisions: ["Agree that WS-05 continues in business as usual for the analytics work."],
  },
  "FY2027-Q4": {
    summary:
      "The programme closes: the third independent assessment is filed, disposal is attested and annual training is complete. Remaining work moves to business as usual.",
    highlights: [
      "Annual data disposal attestation (M-WS05-09).",
      "Annual training 2027 complete.",
      "Year-3 independent assessment and programme close-out (M-WS08-10).",
    ],
    concerns: ["IMSI/IMEI pseudonymisation missed its December forecast and continues into Q1 2028 under business as usual."],
    decisions: ["Close the Cybersecurity Transformation Programme."],
  },
};
