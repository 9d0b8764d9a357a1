import type { OBLIGATION_SOURCES, OBLIGATION_STATUSES } from "#db/schema/enums";
import { obligationHistory, obligationMilestones, obligations, obligationWorkstreams } from "#db/schema";
import { daysBetween } from "~/money/fiscal";
import { FCC_TAG, ledger, SETTLEMENT_TAG } from "./ledger";
import { plannedMilestone } from "./milestone-plan";
import { isOverdueAt, milestoneStateAt, slipDaysAt, type MilestoneIds } from "./milestones";
import type { PeopleIds, PersonKey } from "./people";
import { DECREE_PLANNED, dollars, insertMany, longDate, maxDate, stamps, type Tx } from "./support";
import type { WorkstreamIds } from "./workstream-plan";

type Status = (typeof OBLIGATION_STATUSES)[number];
type Spend = { target: number; windowStart: string; windowEnd: string; tag: string };
type ObligationPlan = {
  code: string;
  source: (typeof OBLIGATION_SOURCES)[number];
  reference: string;
  title: string;
  text: string;
  owner: PersonKey;
  created: string;
  due: string;
  spend?: Spend;
  workstreams?: number[];
  milestones?: string[];
  /** Met only once the due date has passed (annual or standing duties). */
  recurring?: boolean;
  evidence: string;
};

const SETTLEMENT = "Class-action settlement (agreed July 2022, final approval 29 June 2023)";
const DECREE = "FCC consent decree DA 24-860";
const DECREE_TERM_END = "2027-09-30";

const m = (...codes: string[]) => codes;

const PLAN: ObligationPlan[] = [
  {
    code: "OB-01",
    source: "settlement",
    reference: SETTLEMENT,
    title: "$150M of additional data-security spend in 2022–2023",
    text: "Spend at least $150,000,000 on data security and related technology in 2022 and 2023, on top of the budgeted baseline, as agreed in the class-action settlement.",
    owner: "cfo",
    created: "2022-07-25",
    due: "2023-12-31",
    spend: { target: 15_000_000_000, windowStart: "2022-01-01", windowEnd: "2023-12-31", tag: SETTLEMENT_TAG },
    evidence:
      "Finance tags qualifying vendor, tooling and other invoices as settlement spend at payment; reconciled monthly with the Transformation Office. KPMG agreed-upon procedures report of 16 February 2024 confirmed the total.",
  },
  {
    code: "OB-02",
    source: "consent_decree",
    reference: DECREE,
    title: "$15.75M of cybersecurity spend over two years",
    text: "Invest $15,750,000 in cybersecurity over the two years following the consent decree, in addition to the $15.75M civil penalty.",
    owner: "cfo",
    created: DECREE_PLANNED,
    due: "2026-09-30",
    spend: { target: 1_575_000_000, windowStart: "2024-10-01", windowEnd: "2026-09-30", tag: FCC_TAG },
    evidence: "Qualifying zero-trust, phishing-resistant MFA, data minimisation, scanning, assessment and training invoices are tagged fcc-decree at payment.",
  },
  {
    code: "OB-03",
    source: "consent_decree",
    reference: DECREE,
    title: "CISO reports regularly to the board",
    text: "The CISO reports to the board on cybersecurity at least quarterly.",
    owner: "ciso",
    created: DECREE_PLANNED,
    due: DECREE_TERM_END,
    workstreams: [8],
    milestones: m("M-WS08-07"),
    recurring: true,
    evidence: "Standing agenda item; quarterly board reports published in Rampart.",
  },
  {
    code: "OB-04",
    source: "consent_decree",
    reference: DECREE,
    title: "Written information security programme",
    text: "Maintain a written information security programme covering the decree's measures, approved by the board.",
    owner: "ciso",
    created: DECREE_PLANNED,
    due: "2025-01-31",
    workstreams: [8],
    milestones: m("M-WS08-06"),
    evidence: "Programme document v1.0 approved by the board.",
  },
  {
    code: "OB-05",
    source: "consent_decree",
    reference: DECREE,
    title: "Data minimisation and disposal",
    text: "Limit the customer data collected and retained, and dispose of it securely once retention ends.",
    owner: "gc",
    created: DECREE_PLANNED,
    due: DECREE_TERM_END,
    workstreams: [5],
    milestones: m("M-WS05-06", "M-WS05-08", "M-WS05-09"),
    recurring: true,
    evidence: "Retention schedule, purge run logs and disposal certificates filed by Data Protection.",
  },
  {
    code: "OB-06",
    source: "consent_decree",
    reference: DECREE,
    title: "Inventory of critical network assets",
    text: "Maintain an inventory of critical network assets and certify it periodically.",
    owner: "cio",
    created: DECREE_PLANNED,
    due: "2025-03-31",
    workstreams: [2],
    milestones: m("M-WS02-06"),
    evidence: "Certified inventory exported from the CMDB with owner attestations.",
  },
  {
    code: "OB-07",
    source: "consent_decree",
    reference: DECREE,
    title: "Zero-trust architecture and network segmentation",
    text: "Implement a zero-trust architecture and segment the network so that critical assets are isolated.",
    owner: "cio",
    created: DECREE_PLANNED,
    due: DECREE_TERM_END,
    workstreams: [2],
    milestones: m("M-WS02-05", "M-WS02-07", "M-WS02-08", "M-WS02-09"),
    evidence: "Architecture blueprint, segmentation test results and ZTNA cut-over reports.",
  },
  {
    code: "OB-08",
    source: "consent_decree",
    reference: DECREE,
    title: "Phishing-resistant multi-factor authentication",
    text: "Require phishing-resistant MFA for access to the network and to systems holding customer data.",
    owner: "cio",
    created: DECREE_PLANNED,
    due: DECREE_TERM_END,
    workstreams: [4],
    milestones: m("M-WS04-05", "M-WS04-07", "M-WS04-09"),
    evidence: "FIDO2 and passkey enrolment reports from the identity provider.",
  },
  {
    code: "OB-09",
    source: "consent_decree",
    reference: DECREE,
    title: "Independent third-party assessments",
    text: "Have an independent third party assess the programme annually and report the results.",
    owner: "gc",
    created: DECREE_PLANNED,
    due: DECREE_TERM_END,
    workstreams: [8],
    milestones: m("M-WS08-08", "M-WS08-09", "M-WS08-10"),
    recurring: true,
    evidence: "Northgate Assurance LLP reports, management responses and filing receipts.",
  },
  {
    code: "OB-10",
    source: "consent_decree",
    reference: DECREE,
    title: "Annual security training",
    text: "Train every employee annually on security and privacy.",
    owner: "ciso",
    created: DECREE_PLANNED,
    due: DECREE_TERM_END,
    workstreams: [9],
    milestones: m("M-WS09-07", "M-WS09-08", "M-WS09-09"),
    recurring: true,
    evidence: "LMS completion reports by business unit.",
  },
  {
    code: "OB-11",
    source: "consent_decree",
    reference: DECREE,
    title: "Vulnerability scanning",
    text: "Scan the network for vulnerabilities regularly and remediate within defined timelines.",
    owner: "ciso",
    created: DECREE_PLANNED,
    due: DECREE_TERM_END,
    workstreams: [6, 1],
    milestones: m("M-WS06-07", "M-WS01-09"),
    recurring: true,
    evidence: "Monthly authenticated scanning coverage and remediation-SLA reports.",
  },
  {
    code: "OB-12",
    source: "consent_decree",
    reference: DECREE,
    title: "Compliance plan and compliance officer",
    text: "Adopt a compliance plan, name a compliance officer and report compliance to the FCC.",
    owner: "gc",
    created: DECREE_PLANNED,
    due: "2024-12-31",
    workstreams: [8],
    milestones: m("M-WS08-05"),
    evidence: "Compliance plan filed; compliance officer appointed by the General Counsel.",
  },
  {
    code: "OB-13",
    source: "board",
    reference: "Audit Committee resolution, 15 February 2023",
    title: "Annual independent red team reported to the Audit Committee",
    text: "An independent red team each year against customer PII and network management, with results reported to the Audit Committee.",
    owner: "ciso",
    created: "2023-02-15",
    due: "2027-12-15",
    workstreams: [6],
    milestones: m("M-WS06-06", "M-WS06-08"),
    recurring: true,
    evidence: "Mandiant red-team reports and Audit Committee minutes.",
  },
  {
    code: "OB-14",
    source: "board",
    reference: "Board minutes, 20 September 2023",
    title: "Phishing-resistant MFA for every privileged administrator by 31 March 2024",
    text: "The board asked for FIDO2 keys on every privileged account by the end of Q1 2024, after the key shortage forced a re-baseline.",
    owner: "cio",
    created: "2023-09-20",
    due: "2024-03-31",
    workstreams: [4],
    milestones: m("M-WS04-05"),
    evidence: "Identity provider report: 100% of privileged accounts enforce FIDO2.",
  },
];

function spendStatus(s: Spend, counted: number, today: string): Status {
  if (today < s.windowStart) return "not_started";
  if (today > s.windowEnd) return counted >= s.target ? "met" : "missed";
  if (counted >= s.target) return "met";
  const pace = Math.floor((s.target * daysBetween(s.windowStart, today)) / daysBetween(s.windowStart, s.windowEnd));
  return counted * 10 < pace * 8 ? "at_risk" : "in_progress";
}

function measureStatus(o: ObligationPlan, codes: string[], today: string): Status {
  const plans = codes.map(plannedMilestone).filter((p) => !p.cancelledOn);
  const states = plans.map((p) => milestoneStateAt(p, today));
  if (plans.some((p) => isOverdueAt(p, today) || (milestoneStateAt(p, today).status !== "done" && slipDaysAt(p, today) > 45))) return "at_risk";
  if (states.length > 0 && states.every((s) => s.status === "done") && (!o.recurring || o.due < today)) return "met";
  return states.some((s) => s.status !== "not_started") ? "in_progress" : "not_started";
}

export function insertObligations(tx: Tx, today: string, people: PeopleIds, workstreamIds: WorkstreamIds, milestoneIds: MilestoneIds): void {
  const { invoices } = ledger();
  const live = PLAN.filter((o) => o.created <= today);
  const rows = live.map((o) => {
    const codes = (o.milestones ?? []).filter((c) => milestoneIds.has(c));
    let status: Status;
    let evidence = o.evidence;
    let updated = o.created;
    let spendWorkstreams: number[] = [];
    if (o.spend) {
      const s = o.spend;
      const counted = invoices.filter((i) => i.tags.includes(s.tag) && i.date >= s.windowStart && i.date <= s.windowEnd && i.date <= today);
      const total = counted.reduce((sum, i) => sum + i.amount, 0);
      status = spendStatus(s, total, today);
      spendWorkstreams = [...new Set(counted.map((i) => i.ws))].sort((a, b) => a - b);
      const last = counted.at(-1)?.date;
      if (last) updated = maxDate(updated, last);
      evidence += ` Tagged to date: ${counted.length} invoices, ${dollars(total)} (${Math.floor((total * 100) / s.target)}% of ${dollars(s.target)})${last ? `, latest ${longDate(last)}` : ""}.`;
    } else {
      status = measureStatus(o, codes, today);
      const lines = codes.map((c) => {
        const p = plannedMilestone(c);
        const s = milestoneStateAt(p, today);
        if (s.status === "done" && s.actual) updated = maxDate(updated, s.actual);
        return s.status === "done"
          ? `${c} done ${longDate(s.actual ?? "")}`
          : `${c} ${s.status.replace("_", " ")}, forecast ${longDate(s.forecast ?? s.baseline)}`;
      });
      if (lines.length) evidence += ` Evidence: ${lines.join("; ")}.`;
    }
    // The status recorded when the obligation entered the register, for its history.
    const s = o.spend;
    const first = s
      ? spendStatus(
          s,
          invoices.filter((i) => i.tags.includes(s.tag) && i.date >= s.windowStart && i.date <= o.created).reduce((sum, i) => sum + i.amount, 0),
          o.created,
        )
      : measureStatus(o, codes, o.created);
    return { o, codes, status, first, evidence, updated, workstreams: o.spend ? spendWorkstreams : (o.workstreams ?? []) };
  });

  insertMany(
    tx,
    obligations,
    rows.map(({ o, status, evidence, updated }) => ({
      code: o.code,
      source: o.source,
      sourceReference: o.reference,
      kind: o.spend ? ("spend" as const) : ("measure" as const),
      title: o.title,
      text: o.text,
      targetCents: o.spend?.target ?? null,
      windowStart: o.spend?.windowStart ?? null,
      windowEnd: o.spend?.windowEnd ?? null,
      spendTag: o.spend?.tag ?? null,
      spendCategory: null,
      dueDate: o.due,
      status,
      evidenceNotes: evidence,
      ownerId: people[o.owner],
      ...stamps(o.created, updated, "16:00"),
    })),
  );
  const ids = new Map(
    tx
      .select({ id: obligations.id, code: obligations.code })
      .from(obligations)
      .all()
      .map((r) => [r.code, r.id]),
  );
  // History as the story went: the status recorded on entry, then the one recorded at the last update.
  insertMany(
    tx,
    obligationHistory,
    rows.flatMap(({ o, status, first, updated }) => {
      const obligationId = ids.get(o.code) as number;
      const base = {
        obligationId,
        kind: o.spend ? ("spend" as const) : ("measure" as const),
        targetCents: o.spend?.target ?? null,
        windowStart: o.spend?.windowStart ?? null,
        windowEnd: o.spend?.windowEnd ?? null,
        spendTag: o.spend?.tag ?? null,
        spendCategory: null,
        dueDate: o.due,
      };
      const created = stamps(o.created, updated, "16:00");
      if (first === status || created.updatedAt === created.createdAt) return [{ ...base, status, validFrom: created.createdAt, validTo: null }];
      return [
        { ...base, status: first, validFrom: created.createdAt, validTo: created.updatedAt },
        { ...base, status, validFrom: created.updatedAt, validTo: null },
      ];
    }),
  );
  insertMany(
    tx,
    obligationWorkstreams,
    rows.flatMap((r) => r.workstreams.map((ws) => ({ obligationId: ids.get(r.o.code) as number, workstreamId: workstreamIds.get(ws) as number }))),
  );
  insertMany(
    tx,
    obligationMilestones,
    rows.flatMap((r) => r.codes.map((c) => ({ obligationId: ids.get(r.o.code) as number, milestoneId: milestoneIds.get(c) as number }))),
  );
}
