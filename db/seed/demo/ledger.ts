import type { CostCategory, CostClass } from "#db/schema/enums";
import { daysBetween, quarterBounds, quarterRange } from "~/money/fiscal";
import { ENGAGEMENTS, vendorPlan, type EngagementPlan } from "./engagement-plan";
import { rng } from "./random";
import { FIRST_FISCAL_YEAR, FY_START_MONTH, LAST_FISCAL_YEAR, maxDate, minDate, monthEnd, monthName, monthRange, PROGRAMME_START, splitCents } from "./support";
import { WORKSTREAMS, workstreamPlan } from "./workstream-plan";

/**
 * The whole programme's money over its full calendar (FY2022–FY2027), built
 * once and cut by `today` when inserted: plan lines, invoices and purchase
 * orders. All amounts are integer cents built with integer arithmetic.
 */
export type PlanLine = { fy: number; q: number; ws: number; costClass: CostClass; category: CostCategory; sow: string | null; amount: number; note: string };
export type Invoice = {
  ref: string;
  date: string;
  amount: number;
  ws: number;
  sow: string | null;
  costClass: CostClass;
  category: CostCategory;
  description: string;
  tags: string[];
};
export type PurchaseOrder = {
  ref: string;
  date: string;
  ws: number;
  sow: string | null;
  costClass: CostClass;
  category: CostCategory;
  amount: number;
  description: string;
};
export type Ledger = { plan: PlanLine[]; invoices: Invoice[]; orders: PurchaseOrder[] };

const K = 100_000; // one thousand dollars, in cents

/** Internal plan per workstream and fiscal year FY2022..FY2027, in thousands of dollars (vendor SOWs come on top). */
const INTERNAL_PLAN_K: Record<number, number[]> = {
  1: [7000, 7000, 5000, 4500, 3500, 3000],
  2: [14000, 14000, 10000, 9000, 6000, 5000],
  3: [8000, 8000, 5000, 4000, 1200, 0],
  4: [13000, 13000, 9000, 8000, 6500, 5500],
  5: [9000, 10000, 7000, 6500, 5500, 5000],
  6: [14000, 13000, 9000, 8500, 8000, 8000],
  7: [11000, 5500, 0, 0, 0, 0],
  8: [3000, 3500, 3000, 3000, 3000, 3000],
  9: [3000, 4000, 3000, 3000, 3000, 3000],
};

type Mix = [CostClass, CostCategory, number /* percent */];
const DEFAULT_MIX: Mix[] = [
  ["opex", "labour", 45],
  ["capex", "tooling", 35],
  ["opex", "vendor", 15],
  ["opex", "other", 5],
];
const MIX: Record<number, Mix[]> = {
  7: [
    ["opex", "labour", 15],
    ["opex", "vendor", 60],
    ["opex", "other", 25],
  ],
  8: [
    ["opex", "labour", 70],
    ["opex", "vendor", 10],
    ["opex", "tooling", 10],
    ["opex", "other", 10],
  ],
  9: [
    ["opex", "labour", 30],
    ["opex", "tooling", 25],
    ["opex", "vendor", 15],
    ["opex", "other", 30],
  ],
};

const LABELS: Record<number, { tooling: string; vendor: string; other: string }> = {
  1: {
    tooling: "EASM platform subscription and scanners",
    vendor: "Specialist contractors: external asset discovery",
    other: "Travel, training and certification",
  },
  2: { tooling: "Segmentation firewalls and ZTNA licences", vendor: "Network engineering contractors", other: "Lab hardware disposal and travel" },
  3: { tooling: "Secrets vault licences and HSMs", vendor: "Contractors: secrets remediation", other: "Training and certification" },
  4: { tooling: "PAM licences and FIDO2 security keys", vendor: "Identity engineering contractors", other: "Key logistics and enrolment events" },
  5: { tooling: "Tokenisation, encryption and DLP licences", vendor: "Data discovery and records-management specialists", other: "Secure media destruction" },
  6: { tooling: "EDR, SIEM and SOAR licences", vendor: "Incident response retainer and threat intelligence", other: "SOC facilities and analyst training" },
  7: {
    tooling: "Fraud analytics tooling",
    vendor: "Identity-protection and credit-monitoring service for affected customers",
    other: "Customer notification mailings and care-centre surge staffing",
  },
  8: { tooling: "GRC platform licences", vendor: "Supplier assessment services", other: "Board education and regulatory filings" },
  9: { tooling: "Learning management and phishing-simulation platform", vendor: "Course content production", other: "Awareness campaigns and events" },
};

/** Actual spend per mille of plan on internal lines, by workstream and year: WS-02 and WS-06 run over. */
function internalFactor(ws: number, fy: number): number {
  if (ws === 2) return fy === 2022 ? 1020 : fy === 2023 ? 1300 : 1380;
  if (ws === 6) return fy === 2022 ? 1260 : fy === 2023 ? 1220 : 1200;
  return { 1: 960, 3: 980, 4: 1010, 5: 920, 7: 970, 8: 990, 9: 940 }[ws] ?? 1000;
}

export function engagementClass(e: EngagementPlan): CostClass {
  return e.kind === "implementation" ? "capex" : "opex";
}

const QUARTERS = quarterRange({ fiscalYear: FIRST_FISCAL_YEAR, quarter: 1 }, { fiscalYear: LAST_FISCAL_YEAR, quarter: 4 });

function overlappingQuarters(from: string, to: string) {
  return QUARTERS.map((q) => ({ q, ...quarterBounds(q, FY_START_MONTH) })).filter((b) => b.start <= to && b.end >= from);
}

function buildPlan(): PlanLine[] {
  const lines: PlanLine[] = [];
  for (const ws of WORKSTREAMS) {
    INTERNAL_PLAN_K[ws.n]?.forEach((k, i) => {
      const fy = FIRST_FISCAL_YEAR + i;
      const quarters = overlappingQuarters(ws.start, ws.end).filter((b) => b.q.fiscalYear === fy);
      if (k === 0 || quarters.length === 0) return;
      for (const [costClass, category, pct] of MIX[ws.n] ?? DEFAULT_MIX) {
        const amounts = splitCents(
          (k * K * pct) / 100,
          quarters.map(() => 1),
        );
        const labels = LABELS[ws.n];
        const note = category === "labour" ? "Internal staff and contractors" : (labels?.[category] ?? "");
        quarters.forEach((b, j) => lines.push({ fy, q: b.q.quarter, ws: ws.n, costClass, category, sow: null, amount: amounts[j] ?? 0, note }));
      }
    });
  }
  for (const e of ENGAGEMENTS) {
    const quarters = overlappingQuarters(maxDate(e.start, PROGRAMME_START), e.end);
    for (const [ws, pct] of Object.entries(e.shares)) {
      const amounts = splitCents(
        (e.valueCents * pct) / 100,
        quarters.map(() => 1),
      );
      quarters.forEach((b, j) =>
        lines.push({
          fy: b.q.fiscalYear,
          q: b.q.quarter,
          ws: Number(ws),
          costClass: engagementClass(e),
          category: "vendor",
          sow: e.sow,
          amount: amounts[j] ?? 0,
          note: `${vendorPlan(e.vendor).name} ${e.sow}`,
        }),
      );
    }
  }
  return lines.sort((a, b) => a.fy - b.fy || a.q - b.q || a.ws - b.ws || a.category.localeCompare(b.category) || (a.sow ?? "").localeCompare(b.sow ?? ""));
}

function buildInvoices(plan: PlanLine[]): Invoice[] {
  const r = rng("ledger:invoices");
  const drafts: Omit<Invoice, "ref" | "tags">[] = [];
  for (const line of plan) {
    const e = line.sow ? ENGAGEMENTS.find((x) => x.sow === line.sow) : undefined;
    const ws = workstreamPlan(line.ws);
    const bounds = quarterBounds({ fiscalYear: line.fy, quarter: line.q as 1 | 2 | 3 | 4 }, FY_START_MONTH);
    const from = maxDate(bounds.start, e ? e.start : ws.start);
    const to = minDate(bounds.end, e ? e.end : ws.end);
    if (from > to || line.amount === 0) continue;
    const factor = e ? r.int(970, 1000) : internalFactor(line.ws, line.fy) + r.int(-40, 40);
    const months = monthRange(from.slice(0, 7), to.slice(0, 7));
    const parts = splitCents(
      Math.floor((line.amount * factor) / 1000),
      months.map(() => r.int(85, 115)),
    );
    months.forEach((month, i) => {
      const day = line.category === "labour" ? 28 : r.int(5, 26);
      const date = minDate(maxDate(`${month}-${String(day).padStart(2, "0")}`, from), to, monthEnd(month));
      const labels = LABELS[line.ws];
      const description =
        line.category === "labour"
          ? `${ws.code} internal staff and contractor time, ${monthName(month)}`
          : e
            ? `${vendorPlan(e.vendor).name} ${e.sow}: ${e.title}${Object.keys(e.shares).length > 1 ? ` (${ws.code} share)` : ""}, ${monthName(month)}`
            : `${labels?.[line.category] ?? "Programme spend"}, ${monthName(month)}`;
      drafts.push({ date, amount: parts[i] ?? 0, ws: line.ws, sow: line.sow, costClass: line.costClass, category: line.category, description });
    });
  }
  drafts.sort((a, b) => a.date.localeCompare(b.date) || a.ws - b.ws || a.category.localeCompare(b.category) || (a.sow ?? "").localeCompare(b.sow ?? ""));

  const seq = new Map<string, number>();
  const next = (key: string, start: number) => {
    const n = (seq.get(key) ?? start) + 1;
    seq.set(key, n);
    return n;
  };
  return drafts.map((d) => {
    const year = d.date.slice(0, 4);
    const code = workstreamPlan(d.ws).code.replace("-", "");
    let ref: string;
    if (d.category === "labour") ref = `JE-${year}${d.date.slice(5, 7)}-${code}-LAB`;
    else if (d.sow) {
      const vendor = ENGAGEMENTS.find((x) => x.sow === d.sow)?.vendor ?? "VND";
      ref = `INV-${vendor}-${year}-${String(next(`${vendor}-${year}`, 100)).padStart(4, "0")}`;
    } else ref = `INV-AP-${year}-${String(next(`AP-${year}`, 10_000)).padStart(5, "0")}`;
    return { ...d, ref, tags: [] };
  });
}

/**
 * Tags qualifying invoices so that the tagged total tracks `aim` in proportion
 * to qualifying spend (finance designates invoices as they are paid; it does
 * not tag everything and then stop), then makes sure the total reaches `floor`.
 */
function tagProportionally(invoices: Invoice[], tag: string, aim: number, floor: number, qualifies: (i: Invoice) => boolean) {
  const pool = invoices.filter(qualifies);
  const total = BigInt(pool.reduce((s, i) => s + i.amount, 0));
  let cumulative = 0n;
  let tagged = 0n;
  for (const invoice of pool) {
    cumulative += BigInt(invoice.amount);
    // Tag when that brings the tagged total closer to the pro-rata aim (compared in total-scaled units, exactly).
    const goal = cumulative * BigInt(aim);
    const before = tagged * total - goal;
    const after = (tagged + BigInt(invoice.amount)) * total - goal;
    if ((after < 0n ? -after : after) <= (before < 0n ? -before : before)) {
      invoice.tags.push(tag);
      tagged += BigInt(invoice.amount);
    }
  }
  for (const invoice of [...pool].reverse()) {
    if (tagged >= BigInt(floor)) break;
    if (!invoice.tags.includes(tag)) {
      invoice.tags.push(tag);
      tagged += BigInt(invoice.amount);
    }
  }
}

export const SETTLEMENT_TAG = "settlement";
export const FCC_TAG = "fcc-decree";
/** Finance aimed a little above each promise so that late credit notes could not take it under. */
const SETTLEMENT_AIM = 15_184_000_000;
const SETTLEMENT_PROMISE = 15_000_000_000;
const FCC_AIM = 1_591_000_000;
const FCC_PROMISE = 1_575_000_000;

function buildOrders(plan: PlanLine[]): PurchaseOrder[] {
  const orders: PurchaseOrder[] = [];
  for (const e of ENGAGEMENTS) {
    const shares = Object.entries(e.shares);
    for (const [ws, pct] of shares) {
      const code = workstreamPlan(Number(ws)).code;
      orders.push({
        ref: shares.length === 1 ? e.sow : `${e.sow}/${code}`,
        date: e.signed,
        ws: Number(ws),
        sow: e.sow,
        costClass: engagementClass(e),
        category: "vendor",
        amount: (e.valueCents * pct) / 100,
        description: `${vendorPlan(e.vendor).name}: ${e.title}${shares.length === 1 ? "" : ` (${code} share, ${pct}%)`}`,
      });
    }
  }
  const yearly: Omit<PurchaseOrder, "ref">[] = [];
  for (let fy = FIRST_FISCAL_YEAR; fy <= LAST_FISCAL_YEAR; fy++) {
    for (const ws of WORKSTREAMS) {
      for (const category of ["tooling", "vendor", "other"] as const) {
        if (category === "other" && ws.n !== 7) continue;
        const lines = plan.filter((l) => l.fy === fy && l.ws === ws.n && l.category === category && l.sow === null);
        const amount = lines.reduce((s, l) => s + l.amount, 0);
        const first = lines[0];
        if (!first || amount === 0) continue;
        const date = maxDate(`${fy}-01-${String(9 + ws.n).padStart(2, "0")}`, ws.start);
        yearly.push({ date, ws: ws.n, sow: null, costClass: first.costClass, category, amount, description: `FY${fy} purchase order: ${first.note}` });
      }
    }
  }
  yearly.sort((a, b) => a.date.localeCompare(b.date) || a.ws - b.ws || a.category.localeCompare(b.category));
  const counters = new Map<string, number>();
  for (const o of yearly) {
    const year = o.date.slice(0, 4);
    const n = (counters.get(year) ?? 100) + 1;
    counters.set(year, n);
    orders.push({ ...o, ref: `PO-${year}-${String(n).padStart(5, "0")}` });
  }
  return orders.sort((a, b) => a.date.localeCompare(b.date) || a.ref.localeCompare(b.ref));
}

let cached: Ledger | undefined;

export function ledger(): Ledger {
  if (cached) return cached;
  const plan = buildPlan();
  const invoices = buildInvoices(plan);
  tagProportionally(
    invoices,
    SETTLEMENT_TAG,
    SETTLEMENT_AIM,
    SETTLEMENT_PROMISE,
    (i) => i.date >= "2022-01-01" && i.date <= "2023-12-31" && i.category !== "labour" && i.ws !== 7,
  );
  tagProportionally(
    invoices,
    FCC_TAG,
    FCC_AIM,
    FCC_PROMISE,
    (i) => i.date >= "2024-10-01" && i.date <= "2026-09-30" && (i.category === "vendor" || i.category === "tooling") && [2, 4, 5, 6, 8, 9].includes(i.ws),
  );
  cached = { plan, invoices, orders: buildOrders(plan) };
  return cached;
}

/** Plan to date: quarters that have ended count in full, the current one pro rata by days. */
export function planToDate(lines: readonly PlanLine[], date: string): number {
  let total = 0;
  for (const l of lines) {
    const b = quarterBounds({ fiscalYear: l.fy, quarter: l.q as 1 | 2 | 3 | 4 }, FY_START_MONTH);
    if (b.end <= date) total += l.amount;
    else if (b.start <= date) total += Math.floor((l.amount * (daysBetween(b.start, date) + 1)) / (daysBetween(b.start, b.end) + 1));
  }
  return total;
}

/** Actual spend against plan to date for a workstream, per mille (1000 = on plan); null before any plan. */
export function costRatioAt(ws: number, date: string): number | null {
  const { plan, invoices } = ledger();
  const planned = planToDate(
    plan.filter((l) => l.ws === ws),
    date,
  );
  if (planned === 0) return null;
  const actual = invoices.filter((i) => i.ws === ws && i.date <= date).reduce((s, i) => s + i.amount, 0);
  return Math.round((actual * 1000) / planned);
}
