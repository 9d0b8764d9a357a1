import { and, eq } from "drizzle-orm";
import type { Rag } from "#db/schema/enums";
import { statusReports } from "#db/schema";
import { addDays, daysBetween } from "~/money/fiscal";
import { DEFAULT_RISK_MATRIX, levelFor } from "~/risks/matrix";
import { costRatioAt } from "./ledger";
import { MILESTONE_PLAN } from "./milestone-plan";
import { addedOn, completionOf, milestoneStateAt, visibleSlipsAt } from "./milestones";
import type { PeopleIds } from "./people";
import { rng, type Rng } from "./random";
import type { RiskHistory } from "./risks";
import { PHRASES, phrasesFor } from "./status-phrases";
import { insertMany, longDate, maxDate, minDate, monthEnd, monthRange, nextMonth, previousMonth, stamps, type Tx } from "./support";
import { WORKSTREAMS, type WorkstreamIds, type WorkstreamPlan } from "./workstream-plan";

/** WS-05's lead has missed the last two monthly reports: the demo's stale workstream. */
const STALE_WORKSTREAM = 5;
/** Workstreams whose lead has started this month's report. */
const CURRENT_DRAFTS = [4, 6];
/** Corrections: a second revision that supersedes the first, with the dimension the first got wrong. */
const CORRECTIONS: { ws: number; period: string; wrong: Partial<Record<"ragCost" | "ragScope", Rag>>; note: string }[] = [
  {
    ws: 6,
    period: "2024-07",
    wrong: { ragCost: "red" },
    note: "Correction: cost was reported red because a duplicate MDR invoice was counted twice; finance reversed it on reconciliation.",
  },
  {
    ws: 2,
    period: "2025-05",
    wrong: { ragScope: "green" },
    note: "Correction: scope is amber, not green; the micro-segmentation re-baseline approved on 12 May changes the delivery approach.",
  },
];

const RANK: Record<Rag, number> = { green: 0, amber: 1, red: 2 };
const worst = (...rags: Rag[]): Rag => rags.reduce((a, b) => (RANK[b] > RANK[a] ? b : a), "green");
const label = (rag: Rag) => ({ green: "Green", amber: "Amber", red: "Red" })[rag];

type Report = Omit<typeof statusReports.$inferInsert, "workstreamId" | "authorId" | "submittedById"> & { ws: number };

function riskRag(ws: number, date: string, histories: RiskHistory[]) {
  let rag: Rag = "green";
  let reason = "";
  for (const h of histories.filter((x) => x.plan.ws.includes(ws))) {
    const upTo = h.assessments.filter((a) => a.on <= date);
    const current = upTo.at(-1);
    if (!current) continue;
    const level = levelFor(DEFAULT_RISK_MATRIX, current.score[0], current.score[1]);
    let since = current.on;
    for (let i = upTo.length - 1; i >= 0; i--) {
      const a = upTo[i] as (typeof upTo)[number];
      if (levelFor(DEFAULT_RISK_MATRIX, a.score[0], a.score[1]) !== level) break;
      since = a.on;
    }
    // A critical risk counts red only once it has resisted two quarters of work.
    const stuck = level === "critical" && daysBetween(since, date) > 180;
    const r: Rag = stuck ? "red" : level === "critical" || level === "high" ? "amber" : "green";
    if (RANK[r] > RANK[rag]) {
      rag = r;
      reason = `${h.plan.code} "${h.plan.title}" still rated ${level} (${current.score[0]}×${current.score[1]})`;
    }
  }
  return { rag, reason };
}

function compose(ws: WorkstreamPlan, period: string, asOf: string, histories: RiskHistory[], r: Rng, recent: Set<string>) {
  const bank = PHRASES[ws.n] as (typeof PHRASES)[number];
  const fresh = (bankItems: string[], n: number) => {
    const items = phrasesFor(bankItems, period);
    const unused = items.filter((x) => !recent.has(x));
    const picked = r.sample(unused.length >= n ? unused : items, n);
    picked.forEach((x) => recent.add(x));
    return picked;
  };
  const slips = visibleSlipsAt(ws.n, asOf);
  const top = slips[0];
  const ragSchedule: Rag = slips.some((s) => s.slipDays > 45 || (s.milestone.critical && s.slipDays > 14))
    ? "red"
    : slips.some((s) => s.slipDays > 14 || s.overdue)
      ? "amber"
      : "green";
  const ratio = costRatioAt(ws.n, asOf);
  const ragCost: Rag = ratio === null ? "green" : ratio > 1200 ? "red" : ratio > 1100 ? "amber" : "green";
  const start = `${period}-01`;
  const changed = MILESTONE_PLAN.filter(
    (m) =>
      m.ws === ws.n && ((m.rebaselines ?? []).some((b) => b.on >= start && b.on <= asOf) || (m.cancelledOn && m.cancelledOn >= start && m.cancelledOn <= asOf)),
  );
  const ragScope: Rag = changed.length > 0 ? "amber" : "green";
  const risk = riskRag(ws.n, asOf, histories);
  const ragOverall = worst(ragSchedule, ragCost, ragScope, risk.rag);

  const mine = MILESTONE_PLAN.filter((m) => m.ws === ws.n && addedOn(m) <= asOf && !m.cancelledOn);
  const completed = mine.filter((m) => m.done >= start && m.done <= asOf);
  const upcoming = mine
    .map((m) => ({ m, s: milestoneStateAt(m, asOf) }))
    .filter(({ s }) => s.status !== "done")
    .sort((a, b) => (a.s.forecast ?? "").localeCompare(b.s.forecast ?? ""));

  const reasons: Record<string, string> = {
    schedule: top
      ? top.overdue
        ? `${top.milestone.code} "${top.milestone.title}" is overdue (forecast ${longDate(top.forecast)} has passed)`
        : `${top.milestone.code} "${top.milestone.title}" forecast ${longDate(top.forecast)}, ${top.slipDays} days past baseline`
      : "",
    cost: ratio === null ? "" : `spend to date is ${Math.round(ratio / 10)}% of plan`,
    scope: changed[0] ? `${changed[0].code} ${changed[0].cancelledOn ? "was cancelled" : "was re-baselined"} this month` : "",
    risk: risk.reason,
  };
  const dims: [string, Rag][] = [
    ["schedule", ragSchedule],
    ["cost", ragCost],
    ["risk", risk.rag],
    ["scope", ragScope],
  ];
  const driver = dims.find(([, rag]) => rag === ragOverall && ragOverall !== "green")?.[0];
  const headline = driver ? `${label(ragOverall)}: ${reasons[driver]}.` : "On track.";
  const next = upcoming[0];
  const fact = completed.length
    ? `Completed ${completed.map((m) => `${m.code} "${m.title}"`).join(" and ")}.`
    : next && next.m !== top?.milestone
      ? `Next milestone: ${next.m.code} "${next.m.title}", forecast ${longDate(next.s.forecast ?? next.s.baseline)}.`
      : next
        ? ""
        : "All milestones complete.";
  const summary = [headline, fact, ...fresh(bank.context, 1)].filter(Boolean).join(" ");
  const accomplishments =
    [
      ...completed.map((m) => `- Completed ${m.code} ${m.title} (${longDate(m.done)}).`),
      ...fresh(bank.done, completed.length ? 1 : 2).map((x) => `- ${x}`),
    ].join("\n") || "- Work continued on the open milestones below.";
  const nextSteps = [
    ...upcoming.slice(0, 2).map(({ m, s }) => `- ${m.code} ${m.title}: forecast ${longDate(s.forecast ?? s.baseline)} (${s.percent}% complete).`),
    ...fresh(bank.next, 1).map((x) => `- ${x}`),
  ].join("\n");
  const troubled = ragSchedule !== "green" || ragCost !== "green";
  const blockers = troubled
    ? [...(top ? [`- ${top.milestone.code} slipping: ${top.slipDays} days against baseline.`] : []), ...fresh(bank.blockers, 1).map((x) => `- ${x}`)].join(
        "\n",
      ) || "None."
    : "None.";
  const asks =
    (ragOverall === "red" || (ragOverall === "amber" && r.chance(0.5))
      ? fresh(bank.asks, 1)
          .map((x) => `- ${x}`)
          .join("\n")
      : "") || "None this month.";
  if (recent.size > 12) recent.clear();
  return { ragOverall, ragSchedule, ragCost, ragScope, ragRisk: risk.rag, summary, accomplishments, nextSteps, blockers, asks };
}

export function insertStatusReports(tx: Tx, today: string, people: PeopleIds, workstreamIds: WorkstreamIds, histories: RiskHistory[]): void {
  const lastComplete = previousMonth(today);
  const rows: Report[] = [];
  for (const ws of WORKSTREAMS) {
    if (ws.start > today) continue;
    const r = rng(`reports:${ws.code}`);
    const recent = new Set<string>();
    const done = completionOf(ws.n);
    let last = done <= today ? minDate(done.slice(0, 7), lastComplete) : lastComplete;
    if (ws.n === STALE_WORKSTREAM && done > today) last = previousMonth(`${previousMonth(`${last}-01`)}-01`);
    for (const period of monthRange(ws.start.slice(0, 7), last)) {
      const content = compose(ws, period, monthEnd(period), histories, r, recent);
      const submitted = addDays(`${nextMonth(period)}-01`, r.int(2, 7));
      const created = addDays(`${nextMonth(period)}-01`, -1);
      if (submitted <= today) {
        rows.push({
          ws: ws.n,
          period,
          revision: 1,
          state: "submitted",
          ...content,
          submittedAt: `${submitted}T16:00:00.000Z`,
          ...stamps(created, submitted, "16:00"),
        });
      } else {
        rows.push({
          ws: ws.n,
          period,
          revision: 1,
          state: "draft",
          ...content,
          summary: `Draft: ${content.summary}`,
          ...stamps(minDate(created, today), today, "09:00"),
        });
      }
    }
    const current = today.slice(0, 7);
    if (CURRENT_DRAFTS.includes(ws.n) && done > today && ws.start.slice(0, 7) < current) {
      const content = compose(ws, current, today, histories, r, recent);
      const created = maxDate(`${current}-01`, addDays(today, -3));
      rows.push({
        ws: ws.n,
        period: current,
        revision: 1,
        state: "draft",
        ...content,
        summary: `Draft: ${content.summary}`,
        ...stamps(created, today, "09:00"),
      });
    }
  }

  for (const c of CORRECTIONS) {
    const row = rows.find((x) => x.ws === c.ws && x.period === c.period && x.state === "submitted");
    if (row) {
      Object.assign(row, c.wrong);
      row.ragOverall = worst(row.ragSchedule, row.ragCost, row.ragScope, row.ragRisk);
    }
  }
  const authored = (x: Report) => {
    const owner = people[WORKSTREAMS.find((w) => w.n === x.ws)?.owner ?? "pmo"];
    const { ws, ...rest } = x;
    return { ...rest, workstreamId: workstreamIds.get(ws) as number, authorId: owner, submittedById: x.state === "submitted" ? owner : null };
  };
  insertMany(tx, statusReports, rows.map(authored));

  const corrections: Report[] = [];
  for (const c of CORRECTIONS) {
    const original = rows.find((x) => x.ws === c.ws && x.period === c.period && x.state === "submitted");
    const ws = WORKSTREAMS.find((w) => w.n === c.ws) as WorkstreamPlan;
    if (!original?.submittedAt) continue;
    const submitted = addDays(original.submittedAt.slice(0, 10), 9);
    if (submitted > today) continue;
    const fixed = compose(ws, c.period, monthEnd(c.period), histories, rng(`correction:${ws.code}`), new Set());
    const id = tx
      .select({ id: statusReports.id })
      .from(statusReports)
      .where(and(eq(statusReports.workstreamId, workstreamIds.get(c.ws) as number), eq(statusReports.period, c.period), eq(statusReports.revision, 1)))
      .get()?.id;
    const { ragOverall, ragSchedule, ragCost, ragScope, ragRisk } = fixed;
    corrections.push({
      ...original,
      ragOverall,
      ragSchedule,
      ragCost,
      ragScope,
      ragRisk,
      revision: 2,
      supersedesId: id ?? null,
      summary: `${c.note} ${original.summary}`,
      submittedAt: `${submitted}T11:00:00.000Z`,
      ...stamps(submitted, submitted, "11:00"),
    });
  }
  insertMany(tx, statusReports, corrections.map(authored));
}
