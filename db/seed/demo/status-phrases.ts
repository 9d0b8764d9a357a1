/**
 * Per-workstream phrase banks for monthly status reports. The generator picks
 * from them with the seeded PRNG and combines them with facts computed from
 * the plan (milestones completed, next due, slips, spend against plan).
 * A phrase that only fits part of the timeline carries a window prefix:
 * ">2025-03|…" from March 2025 on, "<2023-02|…" before February 2023.
 */
export type PhraseBank = { context: string[]; done: string[]; next: string[]; blockers: string[]; asks: string[] };

export const PHRASES: Record<number, PhraseBank> = {
  1: {
    context: [
      "External scans show no new critical exposures on owned ranges this month.",
      "Exposure backlog is trending down; most new findings are short-lived cloud test endpoints.",
      "Business units are onboarding their cloud accounts to the EASM connector faster than planned.",
      "Weekly exposure review with IT operations is now the main remediation channel.",
    ],
    done: [
      "Closed 37 exposure findings, 3 of them high severity, all within SLA.",
      "Reconciled EASM discoveries with the CMDB: 212 assets gained an owner.",
      "Retired 14 orphaned DNS records pointing at decommissioned hosts.",
      "Added certificate-transparency monitoring for all brand domains.",
      "Onboarded two more cloud organisations to daily external scanning.",
      "Published the monthly exposure scorecard to business-unit CIOs.",
      "Blocked four internet-facing admin consoles found by the scanner within 24 hours.",
    ],
    next: [
      "Finish ownership review of the remaining unowned IP ranges.",
      "Tune scanner rate limits for the OSS ranges after last month's false positives.",
      ">2025-03|Extend takedown automation to the second cloud provider.",
      "Run the quarterly exposure drill with IT operations.",
    ],
    blockers: [
      "<2024-07|Network integration freeze delays changes on the legacy ranges.",
      "Two business units have not named exposure owners for their cloud accounts.",
      "Registrar transfer of legacy domains is waiting on legal entity paperwork.",
    ],
    asks: ["CIO to mandate exposure owners in the two remaining business units.", "Procurement to expedite the registrar consolidation contract."],
  },
  2: {
    context: [
      "Segmentation change windows are running at about 85% of the planned cadence.",
      "Firewall rule review is the critical path; each customer-data zone needs sign-off from its application owners.",
      "Lab and test environments stay isolated; no new cross-zone paths found in this month's validation.",
      ">2024-06|Zero-trust design authority met twice; patterns for OSS tools are still open.",
      "Lab and test environment owners are confirmed for every environment in the inventory.",
    ],
    done: [
      "Cut over 46 application flows to the new segmentation policy with no P1 incidents.",
      "Removed 1,900 any-any firewall rules after traffic analysis.",
      "Validated test-to-production isolation with a monthly reachability scan.",
      ">2024-06|Published the reference pattern for device-posture checks.",
      ">2025-10|Onboarded 3,200 users to the ZTNA pilot.",
      ">2024-06<2026-04|Completed application dependency mapping for the billing zone.",
      "Moved 12 lab environments behind default-deny firewalls.",
    ],
    next: [
      ">2024-06<2026-04|Finish flow mapping for the CRM zone ahead of cut-over.",
      ">2025-10|Run the next wave of ZTNA onboarding for corporate functions.",
      ">2026-04|Agree the OSS vendor upgrade plan needed for device posture.",
      ">2025-03|Prepare evidence for the independent assessor's segmentation testing.",
      "Complete the firewall rule review for the next set of lab environments.",
    ],
    blockers: [
      ">2025-04<2026-04|Legacy billing hosts cannot run the micro-segmentation agent; host-firewall rework needed.",
      ">2026-04|Fourteen OSS tools cannot present device posture until their vendors upgrade.",
      "Change freeze around the network launch window removed two weekends of cut-overs.",
      ">2023-01|Contractor overtime and extra firewall capacity are pushing spend above plan.",
      "Application owners are slow to confirm the flows they need between test and production.",
    ],
    asks: [
      ">2025-04<2025-07|Steering committee to approve the revised baseline and funding for the host-firewall approach.",
      ">2026-04|CIO to escalate the OSS vendor upgrades with the vendors' executives.",
      ">2023-01|CFO to release contingency for the additional firewall capacity.",
      "CIO to require application owners to sign off firewall flows within ten days.",
    ],
  },
  3: {
    context: [
      ">2023-02|Vault adoption keeps rising; secrets scanning blocks new hard-coded credentials at commit.",
      "Service-account inventory is stable; new accounts are issued from the vault only.",
      "Rotation failures are below 1% and each is traced to an application owner.",
      "Credential-sweep findings are rotated within 48 hours of discovery.",
    ],
    done: [
      ">2023-02|Onboarded 420 service accounts to the vault.",
      ">2023-02|Rotated 1,150 privileged service-account credentials automatically.",
      "Removed 63 hard-coded secrets found by repository scanning.",
      ">2023-01|Enabled break-glass procedures and tested them with IT operations.",
      ">2023-02|Added vault health to the SOC's monitoring.",
      "Retired the legacy shared password spreadsheet for network devices.",
      "Rotated 2,300 local administrator passwords with automated local-admin password management.",
    ],
    next: [
      ">2023-10<2024-10|Onboard the next batch of OSS service accounts once firmware is upgraded.",
      "Extend rotation to the remaining database service accounts.",
      "Run the quarterly secrets-scanning sweep of file shares.",
      "<2023-02|Complete production readiness of the enterprise secrets vault.",
    ],
    blockers: [
      ">2023-10<2024-10|OSS vendors' firmware updates are needed before their platforms accept vault-issued credentials.",
      "Some application teams lack capacity to test credential rotation.",
    ],
    asks: ["CIO to prioritise application-team capacity for rotation testing.", ">2023-10<2024-10|Procurement to hold the OSS vendors to the firmware dates."],
  },
  4: {
    context: [
      ">2023-06|Phishing-resistant MFA adoption is the headline metric; enrolment is tracked daily.",
      "Brute-force protections hold: lockout alerts are within the normal range.",
      ">2023-03|PAM session recording covers every privileged session to production.",
      "Help-desk volumes from MFA changes are within forecast.",
      "Lockout alerts are reviewed daily with the SOC.",
    ],
    done: [
      ">2024-04|Enrolled 8,400 more staff on FIDO2 keys or platform passkeys.",
      ">2024-07|Removed 310 standing privileged roles in favour of just-in-time access.",
      "Completed quarterly privileged-access recertification for production.",
      "Blocked legacy authentication protocols on the remaining directory servers.",
      ">2024-01|Shipped FIDO2 keys to the last regional offices.",
      "Deployed conditional-access policies for contractor accounts.",
    ],
    next: [
      ">2025-10|Start passkey enrolment for the next wave of stores.",
      ">2024-10|Close remaining exceptions for service desks using push MFA.",
      ">2024-07|Extend just-in-time access to the remaining cloud subscriptions.",
      "<2023-03|Onboard the remaining admin groups to the PAM vault.",
    ],
    blockers: [
      ">2025-10|Shared devices in stores complicate passkey enrolment.",
      "Contractor onboarding still relies on temporary passwords in one business unit.",
      ">2023-06<2024-03|Hardware key deliveries are behind schedule.",
      "Admin teams push back on password check-out for break-fix work.",
    ],
    asks: [
      ">2025-10|Retail operations to release store managers for the enrolment sessions.",
      "HR to add MFA enrolment to contractor onboarding checklists.",
      "CIO to confirm that no standing admin exceptions will be renewed.",
    ],
  },
  5: {
    context: [
      "Customer PII map is kept current; two new data stores were found and classified this month.",
      ">2024-03|Legal-hold reviews set the pace for deletion.",
      ">2023-11|Tokenisation service is stable at peak billing volumes.",
      "Data owners are confirmed for every store of SSNs and licence data.",
    ],
    done: [
      ">2024-03|Deleted 2.1 million prospective-customer records past retention.",
      ">2023-11|Tokenised SSNs in two more downstream reporting systems.",
      ">2024-03|Completed legal-hold clearance for the next purge batch.",
      ">2022-12|Rotated the encryption keys for the customer database.",
      "Classified the data stores found in the quarterly discovery scan.",
      ">2024-10|Filed disposal certificates for decommissioned archive media.",
      "Completed the field-level encryption design review with the database team.",
    ],
    next: [
      ">2024-03|Run the next purge batch after legal-hold clearance.",
      ">2025-06|Extend DLP policies to the analytics export paths.",
      ">2026-06|Prepare the annual disposal attestation evidence.",
      "<2023-10|Agree the tokenisation approach with the billing and credit teams.",
    ],
    blockers: [
      ">2024-03|Each purge batch waits on litigation counsel's legal-hold review.",
      ">2024-03|Archive vendor needs six weeks to restore and delete tape-held records.",
      ">2026-01|Analytics teams depend on raw identifiers for fraud models.",
      "Database change windows are shared with the billing release train.",
    ],
    asks: [
      ">2024-03|General Counsel to add reviewers so legal-hold clearance keeps pace.",
      ">2026-01|CIO to approve pseudonymised identifiers for analytics.",
      "<2023-10|CFO to confirm funding for the tokenisation vault licences.",
      "Business owners to name a data steward for every customer data store.",
    ],
  },
  6: {
    context: [
      "Mean time to detect is inside target; alert volume rose with the new detections.",
      "The SOC handled every critical alert inside the response SLA this month.",
      ">2025-02|Co-managed SOC and in-house tiers share one case queue and runbook set.",
    ],
    done: [
      "Deployed 12 new detections for credential abuse and tested them with purple-team scripts.",
      ">2023-12|Closed out actions from the last red-team exercise.",
      "<2022-12|Raised EDR coverage on the remaining lab servers.",
      "Ran a tabletop exercise on ransomware in the OSS estate with executives.",
      "Automated enrichment for the top ten alert types.",
      ">2024-10|Brought vulnerability-scanning coverage of network assets up another notch.",
      "Tuned 30 noisy detections, cutting false positives by a fifth.",
    ],
    next: [
      ">2025-01|Run the next purple-team sprint on lateral movement.",
      "<2024-09|Hire the remaining tier-2 analysts.",
      "Rehearse the containment playbook with network operations.",
      "Review detection coverage against the latest telecom threat reports.",
    ],
    blockers: [
      "<2024-09|Analyst hiring is behind plan in a tight market.",
      "SIEM ingest costs are above forecast as log sources grow.",
      ">2024-06<2024-09|Duplicate billing from the MDR provider is still being reconciled.",
      "Log sources from legacy OSS platforms need custom parsers.",
    ],
    asks: ["CFO to approve the SIEM ingest uplift.", "HR to fund retention bonuses for senior analysts."],
  },
  7: {
    context: [
      "Fraud attempts against affected customers keep falling.",
      "Identity-protection enrolment and claims volumes are tracked weekly with the care organisation.",
      "Port-out and SIM-swap fraud rates are below pre-breach levels.",
    ],
    done: [
      "Blocked 1,240 attempted port-outs with step-up verification.",
      "Resolved 96% of identity-restoration cases within SLA.",
      "<2023-01|Reached a further 310,000 affected customers with enrolment reminders.",
      "Trained 4,800 care agents on the new verification script.",
      ">2023-07|Closed the backlog of settlement-related care enquiries.",
    ],
    next: [
      "<2023-01|Send the next reminder wave to customers not yet enrolled.",
      "Review fraud-rule thresholds with the analytics team.",
      ">2023-06|Prepare the hand-over of monitoring to fraud operations.",
      "Report fraud-rate trends to the steering committee.",
    ],
    blockers: ["Care-centre staffing peaks delay verification training.", "Mail returns for former customers with outdated addresses."],
    asks: ["Care leadership to protect training time during peaks.", "<2023-01|Marketing to fund one more reminder wave."],
  },
  8: {
    context: [
      "Governance forums running to cadence; steering committee decisions logged in Rampart.",
      "Supplier assurance backlog is shrinking; critical suppliers are assessed first.",
      "Regulatory evidence is filed against each obligation as it is produced.",
    ],
    done: [
      "Published the quarterly board pack and the KPI dashboard.",
      ">2023-01|Assessed 140 more suppliers against the tiering model.",
      "Closed 18 policy exceptions past their expiry.",
      ">2024-10|Filed consent-decree evidence for the quarter.",
      ">2025-04|Agreed management responses to the assessor's interim findings.",
      "Refreshed the risk register with all owners.",
      "<2023-07|Closed 12 KPMG findings with evidence.",
    ],
    next: [
      ">2025-03|Prepare evidence for the independent assessor's fieldwork.",
      "Run the quarterly risk-acceptance review with executives.",
      "Draft the next quarterly board report.",
      "<2023-07|Track the remaining KPMG findings to closure.",
    ],
    blockers: ["Evidence requests compete with delivery work in the technical workstreams.", "Some suppliers are slow to answer the assurance questionnaire."],
    asks: [">2025-03|Executives to confirm attendance at the assessor's interviews.", "Procurement to make questionnaire completion a condition of renewal."],
  },
  9: {
    context: [
      "Completion rates are tracked weekly by business unit; stores are the lagging population.",
      "Phishing-simulation click rates continue to fall; report rates are rising.",
      "Course content is refreshed with examples from current threats.",
    ],
    done: [
      "Recorded 38,000 course completions this month.",
      "Ran the monthly phishing simulation: click rate down to 3.1%, report rate up to 41%.",
      ">2025-04|Launched a micro-module on AI voice-cloning pretexts.",
      ">2023-06|Delivered role-based training to the new SOC analysts.",
      "Published completion league tables to senior leaders.",
    ],
    next: [
      "Chase overdue completions in retail and care.",
      "Launch the annual training campaign.",
      ">2023-03|Refresh the privileged-user course for the new PAM workflows.",
    ],
    blockers: ["Store rota pressure leaves little time for training.", "Contractor completion data arrives late from suppliers."],
    asks: ["Retail operations to schedule protected training time.", "Procurement to require completion data from staffing suppliers monthly."],
  },
};

/** The phrases of a bank that fit the reporting month, window prefixes removed. */
export function phrasesFor(items: readonly string[], month: string): string[] {
  return items.flatMap((item) => {
    const m = /^((?:[<>]\d{4}-\d{2})+)\|(.*)$/.exec(item);
    if (!m) return [item];
    const fits = [...(m[1] ?? "").matchAll(/([<>])(\d{4}-\d{2})/g)].every(([, op, when]) => (op === ">" ? month >= (when ?? "") : month < (when ?? "")));
    return fits ? [m[2] ?? ""] : [];
  });
}
