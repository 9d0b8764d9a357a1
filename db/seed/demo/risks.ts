import { riskAcceptances, riskAssessments, riskMilestones, risks, riskWorkstreams } from "#db/schema";
import { riskHistorySpec } from "~/history/specs.server";
import { recordVersion } from "~/history/versions.server";
import { addDays, fiscalQuarterOf, nextQuarter, quarterBounds } from "~/money/fiscal";
import { recordLinks } from "~/risks/link-history.server";
import { DEFAULT_RISK_MATRIX, levelFor } from "~/risks/matrix";
import { plannedMilestone } from "./milestone-plan";
import { milestoneStateAt, type MilestoneIds } from "./milestones";
import type { PeopleIds } from "./people";
import { rng } from "./random";
import { RISKS, type RiskPlan, type Score } from "./risk-register";
import { at, FY_START_MONTH, insertMany, longDate, maxDate, stamps, type Tx } from "./support";
import type { WorkstreamIds } from "./workstream-plan";

export type Assessment = { on: string; score: Score; rationale: string };

function effectiveOn(after: string): string {
  return after.startsWith("M-") ? plannedMilestone(after).done : after;
}

function describeChange(after: string, why: string | undefined): string {
  if (why) return why;
  const m = plannedMilestone(after);
  return `${m.code} "${m.title}" completed on ${longDate(m.done)}.`;
}

/** Quarterly review dates after `from`: each quarter end plus the risk's own fixed offset. */
function reviewDates(from: string, offset: number, until: string): string[] {
  const dates: string[] = [];
  for (let q = fiscalQuarterOf(from, FY_START_MONTH); ; q = nextQuarter(q)) {
    const d = addDays(quarterBounds(q, FY_START_MONTH).end, offset);
    if (d > until) break;
    if (d > from) dates.push(d);
  }
  return dates;
}

export type RiskHistory = { plan: RiskPlan; assessments: Assessment[]; closedOn: string | null; nextReview: string | null };

/** The re-scores of a risk up to `today`, derived from its plan and the milestone calendar. */
export function riskHistory(plan: RiskPlan, today: string): RiskHistory {
  const r = rng(`risk:${plan.code}`);
  const offset = r.int(6, 20);
  const closeOn = plan.closeAfter ? effectiveOn(plan.closeAfter) : null;
  const assessments: Assessment[] = [
    {
      on: plan.identified,
      score: plan.inherent,
      rationale:
        plan.identified <= "2022-01-31"
          ? `Initial assessment at programme start: ${plan.description}`
          : `Identified ${longDate(plan.identified)}: ${plan.description}`,
    },
  ];
  const changes = plan.changes.map((c) => ({ ...c, on: effectiveOn(c.after) })).sort((a, b) => a.on.localeCompare(b.on));
  let dates = reviewDates(plan.identified, offset, addDays(today, 400));
  let closedOn: string | null = null;
  if (closeOn) {
    const closing = dates.find((d) => d >= closeOn);
    if (closing) {
      dates = dates.filter((d) => d <= closing);
      closedOn = closing;
    }
  }
  const past = dates.filter((d) => d <= today);
  const held = plan.lapsed && past.length > 3 ? past.slice(0, -2) : past;
  for (const on of held) {
    const previous = assessments.at(-1) as Assessment;
    const applied = changes.filter((c) => c.on > previous.on && c.on <= on);
    const score = applied.at(-1)?.to ?? previous.score;
    let rationale: string;
    if (applied.length > 0) {
      const moved =
        score[0] * score[1] < previous.score[0] * previous.score[1]
          ? "Lowered"
          : score[0] * score[1] > previous.score[0] * previous.score[1]
            ? "Raised"
            : "Re-scored";
      rationale = `${moved} to ${score[0]}×${score[1]}: ${applied.map((c) => describeChange(c.after, c.why)).join(" ")}`;
    } else {
      const pending = plan.milestones.map(plannedMilestone).find((m) => !m.cancelledOn && (m.addedOn ?? "") <= on && m.done > on);
      const state = pending ? milestoneStateAt(pending, on) : null;
      rationale =
        pending && state
          ? `No change: residual exposure stays until ${pending.code} "${pending.title}" completes (forecast ${longDate(state.forecast ?? pending.done)}).`
          : r.pick([
              "No change: controls operating as designed; no new incidents or findings this quarter.",
              "No change: residual exposure as previously assessed; reviewed with the control owners.",
              "No change: threat intelligence and internal incidents do not justify a re-score.",
            ]);
    }
    if (closedOn === on) rationale += " Risk closed: target reached and mitigation handed over to business as usual.";
    assessments.push({ on, score, rationale });
  }
  const last = (assessments.at(-1) as Assessment).on;
  const closed = closedOn !== null && closedOn <= today;
  const nextReview = closed ? null : (dates.find((d) => d > last) ?? addDays(last, 92));
  return { plan, assessments, closedOn: closed ? closedOn : null, nextReview };
}

const level = (s: Score) => levelFor(DEFAULT_RISK_MATRIX, s[0], s[1]);

export function insertRisks(tx: Tx, today: string, people: PeopleIds, workstreamIds: WorkstreamIds, milestoneIds: MilestoneIds): RiskHistory[] {
  const histories = RISKS.filter((p) => p.identified <= today).map((p) => riskHistory(p, today));
  insertMany(
    tx,
    risks,
    histories.map(({ plan, assessments, closedOn, nextReview }) => {
      const current = (assessments.at(-1) as Assessment).score;
      const reached = current[0] * current[1] <= plan.target[0] * plan.target[1];
      return {
        code: plan.code,
        title: plan.title,
        description: plan.description,
        category: plan.category,
        ownerId: people[plan.owner],
        csfFunction: plan.csf,
        inherentLikelihood: plan.inherent[0],
        inherentImpact: plan.inherent[1],
        currentLikelihood: current[0],
        currentImpact: current[1],
        targetLikelihood: plan.target[0],
        targetImpact: plan.target[1],
        inherentLevel: level(plan.inherent),
        currentLevel: level(current),
        targetLevel: level(plan.target),
        treatment: plan.treatment,
        status: closedOn ? ("closed" as const) : reached ? ("monitoring" as const) : ("open" as const),
        nextReviewDate: nextReview,
        version: assessments.length,
        ...stamps(plan.identified, (assessments.at(-1) as Assessment).on, "13:00"),
      };
    }),
  );
  const ids = new Map(
    tx
      .select({ id: risks.id, code: risks.code })
      .from(risks)
      .all()
      .map((r) => [r.code, r.id]),
  );
  const riskId = (code: string) => ids.get(code) as number;

  insertMany(
    tx,
    riskAssessments,
    histories.flatMap(({ plan, assessments }) =>
      assessments.map((a) => ({
        riskId: riskId(plan.code),
        assessedOn: a.on,
        likelihood: a.score[0],
        impact: a.score[1],
        rationale: a.rationale,
        assessedById: people[plan.owner],
        createdAt: `${a.on}T13:00:00.000Z`,
      })),
    ),
  );
  insertMany(
    tx,
    riskWorkstreams,
    histories.flatMap(({ plan }) => plan.ws.map((ws) => ({ riskId: riskId(plan.code), workstreamId: workstreamIds.get(ws) as number }))),
  );
  insertMany(
    tx,
    riskMilestones,
    histories.flatMap(({ plan }) =>
      plan.milestones.filter((c) => milestoneIds.has(c)).map((c) => ({ riskId: riskId(plan.code), milestoneId: milestoneIds.get(c) as number })),
    ),
  );
  for (const h of histories) insertRiskHistory(tx, h, riskId(h.plan.code), people, (ws) => workstreamIds.get(ws) as number, milestoneIds);
  insertAcceptances(tx, today, people, riskId, new Set(histories.map((h) => h.plan.code)));
  return histories;
}

/**
 * The risk's history as its story went: registered open on the day it was
 * identified (linked to its workstreams and milestones then), and at each
 * quarterly review a new version with the next review date, moving to
 * monitoring once its score reached the target and to closed on the review
 * that closed it. The last version is the live row.
 */
function insertRiskHistory(
  tx: Tx,
  { plan, assessments, closedOn, nextReview }: RiskHistory,
  id: number,
  people: PeopleIds,
  workstreamId: (ws: number) => number,
  milestoneIds: MilestoneIds,
) {
  const base = {
    treatment: plan.treatment,
    ownerId: people[plan.owner],
    csfFunction: plan.csf,
    category: plan.category,
    inherentLikelihood: plan.inherent[0],
    inherentImpact: plan.inherent[1],
    targetLikelihood: plan.target[0],
    targetImpact: plan.target[1],
  };
  const target = plan.target[0] * plan.target[1];
  assessments.forEach((a, i) => {
    const last = i === assessments.length - 1;
    const closed = closedOn !== null && a.on === closedOn;
    const status = closed ? "closed" : a.score[0] * a.score[1] <= target ? "monitoring" : "open";
    const nextReviewDate = closed ? null : last ? nextReview : (assessments[i + 1] as Assessment).on;
    recordVersion(tx, riskHistorySpec, id, { ...base, status, nextReviewDate } as never, at(a.on, "13:00"));
  });
  recordLinks(
    tx,
    id,
    { workstreamIds: plan.ws.map(workstreamId), milestoneIds: plan.milestones.filter((c) => milestoneIds.has(c)).map((c) => milestoneIds.get(c) as number) },
    at(plan.identified, "13:00"),
  );
}

/**
 * Three acceptances around `today`: one approved and in force, one approved
 * whose expiry has passed (the rollup turns its workstreams red), one awaiting
 * an executive decision.
 */
function insertAcceptances(tx: Tx, today: string, people: PeopleIds, riskId: (code: string) => number, present: Set<string>) {
  const identified = (code: string) => RISKS.find((r) => r.code === code)?.identified ?? today;
  const rows = [];
  if (present.has("R-009")) {
    const requested = maxDate(addDays(identified("R-009"), 7), addDays(today, -130));
    const decided = addDays(requested, 9);
    rows.push({
      riskId: riskId("R-009"),
      requestedById: people.leadNetwork,
      requestedAt: `${requested}T10:00:00.000Z`,
      justification:
        "Four OSS platforms only accept static local accounts until their vendors ship the 2027 releases. Compensating controls: accounts vaulted with check-out, sessions recorded, source restricted to the jump hosts.",
      expiresOn: addDays(today, 235),
      state: "approved" as const,
      decidedById: people.cio,
      decidedAt: `${decided}T17:00:00.000Z`,
      decisionNote: `Approved until ${longDate(addDays(today, 235))}, when the vendor upgrades are due; re-present if the releases slip.`,
      createdAt: `${requested}T10:00:00.000Z`,
      updatedAt: `${decided}T17:00:00.000Z`,
      version: 2,
    });
  }
  if (present.has("R-020")) {
    const requested = maxDate(addDays(identified("R-020"), 7), addDays(today, -520));
    const decided = addDays(requested, 10);
    rows.push({
      riskId: riskId("R-020"),
      requestedById: people.leadSoc,
      requestedAt: `${requested}T10:00:00.000Z`,
      justification: "Immutable backups for the OSS estate need the new storage platform; until then nightly offline copies are tested monthly.",
      expiresOn: addDays(today, -25),
      state: "approved" as const,
      decidedById: people.ceo,
      decidedAt: `${decided}T17:00:00.000Z`,
      decisionNote: `Approved until ${longDate(addDays(today, -25))} while the immutable storage platform is delivered.`,
      createdAt: `${requested}T10:00:00.000Z`,
      updatedAt: `${decided}T17:00:00.000Z`,
      version: 2,
    });
  }
  if (present.has("R-013")) {
    const requested = addDays(today, -5);
    rows.push({
      riskId: riskId("R-013"),
      requestedById: people.leadFraud,
      requestedAt: `${requested}T10:00:00.000Z`,
      justification:
        "Accept residual voice-cloning pretexting risk in care centres until store and care passkeys are rolled out; call-back verification is in place for port-outs.",
      expiresOn: addDays(today, 150),
      state: "requested" as const,
      decidedById: null,
      decidedAt: null,
      decisionNote: "",
      ...stamps(requested, requested, "10:00"),
    });
  }
  insertMany(tx, riskAcceptances, rows);
}
