import type { Rag } from "#db/schema/enums";
import { formatCents, humanize } from "~/utils/format";
import { formatChange, type QuarterDeltas } from "../deltas";
import type { QuarterSnapshot } from "../snapshot.server";

/**
 * What the board pack says, derived once from the frozen snapshot for both
 * the PDF and the page, so the two match section for section (NACD Director's
 * Handbook on Cyber-Risk Oversight: a short memo, a one-page dashboard in
 * business terms, then the detail).
 */
export const PACK_SECTIONS = {
  glance: "At a glance",
  memo: "Memo to the board",
  dashboard: "Dashboard",
  health: "Programme and workstream health",
  spend: "Spend and commitments",
  milestones: "Milestones and re-baselines",
  risks: "Risks: heat map and top five",
  changes: "Changes since the previous report",
  appendix: "Appendix",
  workstreams: "A. Workstreams",
  obligations: "B. Obligations",
  outcomes: "B2. Security outcomes (key measures)",
  riskLevels: "C. Risks by level",
  rebaselines: "D. Re-baselines this quarter",
  integrity: "E. Fingerprint",
} as const;

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2026-09-30" → "30 September 2026": dates a director reads without thinking. */
export function longDate(iso: string | null): string {
  if (!iso) return "—";
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

export const money = (n: number) => formatCents(n);

export type PackReport = {
  quarter: string;
  state: string;
  approverName: string | null;
  approvedOn: string | null;
  publisherName: string | null;
  publishedOn: string | null;
  contentHash: string | null;
  earlyPublicationReason: string | null;
};

/** The plain-language integrity line: what was frozen when, and what the fingerprint is for. */
export function integrityLine(report: PackReport): string {
  if (report.state === "published")
    return `This report was frozen on ${longDate(report.approvedOn)}, when ${report.approverName ?? "the executive"} approved it, and published on ${longDate(report.publishedOn)}; its fingerprint lets anyone check it has not changed since.`;
  if (report.state === "approved")
    return `This report was frozen on ${longDate(report.approvedOn)}, when ${report.approverName ?? "the executive"} approved it; it is not yet published.`;
  return "DRAFT: the figures are live and will be frozen when the report is approved.";
}

/** Each workstream's RAG with the reason the rollup gives (the part after "is red: "). */
export function workstreamHealth(s: QuarterSnapshot) {
  const reasons = new Map<string, string[]>();
  for (const r of s.health?.reasons ?? []) {
    const code = /^(\S+)/.exec(r.text)?.[1] ?? "";
    const text = r.text.replace(/^.*? is (red|amber|green): /, "");
    reasons.set(code, [...(reasons.get(code) ?? []), text]);
  }
  return (s.health?.workstreams ?? []).map((w) => ({
    code: w.code,
    name: w.name,
    rag: w.overall as Rag,
    override: w.override,
    reason: (reasons.get(w.code) ?? []).join("; ") || (w.override ? "Set by a manual override." : "On plan."),
  }));
}

/** Settlement and consent-decree commitments measured in money: counted spend against the target, in its window. */
export function spendCommitments(s: QuarterSnapshot) {
  return s.obligations
    .filter((o) => o.kind === "spend" && o.targetCents !== null)
    .map((o) => ({
      code: o.code,
      title: o.title,
      source: humanize(o.source),
      status: humanize(o.status),
      countedCents: o.countedCents ?? 0,
      targetCents: o.targetCents ?? 0,
      window: o.windowStart && o.windowEnd ? `${longDate(o.windowStart)} to ${longDate(o.windowEnd)}` : o.dueDate ? `due ${longDate(o.dueDate)}` : "",
    }));
}

export type ChangeRow = { figure: string; before: string; now: string; change: string };

/** Quarter-over-quarter changes against the previous published report, in the order a director asks about them. */
export function changeRows(s: QuarterSnapshot, d: QuarterDeltas): ChangeRow[] {
  const n = (v: number | null) => (v === null ? "—" : String(v));
  const m = (v: number | null) => (v === null ? "—" : money(v));
  return [
    {
      figure: "Overall health",
      before: d.health.before?.toUpperCase() ?? "—",
      now: d.health.now?.toUpperCase() ?? "—",
      change: d.health.direction ?? "—",
    },
    {
      figure: "Actual spend to date",
      before: m(d.spend.actualToDate.before),
      now: money(d.spend.actualToDate.now),
      change: formatChange(d.spend.actualToDate.change, money),
    },
    {
      figure: "Variance (actual − plan)",
      before: m(d.spend.variance.before),
      now: money(d.spend.variance.now),
      change: formatChange(d.spend.variance.change, money),
    },
    { figure: "Milestones done", before: n(d.milestones.done.before), now: String(s.milestones.done), change: formatChange(d.milestones.done.change) },
    {
      figure: "Milestones slipped",
      before: n(d.milestones.slipped.before),
      now: String(s.milestones.slipped),
      change: formatChange(d.milestones.slipped.change),
    },
    { figure: "Open risks", before: n(d.risks.count.before), now: String(s.risks.count), change: formatChange(d.risks.count.change) },
    {
      figure: `Risks above appetite (${s.programme.riskAppetite})`,
      before: n(d.risks.aboveAppetite.before),
      now: String(s.risks.aboveAppetite),
      change: formatChange(d.risks.aboveAppetite.change),
    },
  ];
}

export const TREND_WORDS = { up: "worse", down: "better", steady: "steady", new: "new this quarter" } as const;

/** "worse (12 → 16)": a trend in words, with the scores behind it. */
export function trendText(r: { trend: keyof typeof TREND_WORDS; score: number; scoreAtQuarterStart: number | null }): string {
  return r.trend === "up" || r.trend === "down" ? `${TREND_WORDS[r.trend]} (${r.scoreAtQuarterStart} → ${r.score})` : TREND_WORDS[r.trend];
}
