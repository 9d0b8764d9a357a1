import { boardReports } from "#db/schema";
import { approvalDrift, approvalValues, publicationValues } from "~/board/freeze.server";
import { buildQuarterSnapshot, type QuarterSnapshot } from "~/board/snapshot.server";
import { addDays, compareQuarters, fiscalQuarterOf, formatQuarter, previousQuarter, quarterBounds, quarterRange, type FiscalQuarter } from "~/money/fiscal";
import { NARRATIVES } from "./board-narratives";
import { MILESTONE_PLAN } from "./milestone-plan";
import { addedOn, visibleSlipsAt } from "./milestones";
import type { PeopleIds } from "./people";
import { FIRST_FISCAL_YEAR, FY_START_MONTH, insertMany, LAST_FISCAL_YEAR, longDate, maxDate, millions, minDate, stamps, type Tx } from "./support";
import { WORKSTREAMS } from "./workstream-plan";

const FIRST: FiscalQuarter = { fiscalYear: FIRST_FISCAL_YEAR, quarter: 1 };
const LAST: FiscalQuarter = { fiscalYear: LAST_FISCAL_YEAR, quarter: 4 };

/** Every programme quarter that ended before `today`: each has a published report. */
export function pastQuarters(today: string): FiscalQuarter[] {
  const previous = previousQuarter(fiscalQuarterOf(today, FY_START_MONTH));
  const last = compareQuarters(previous, LAST) < 0 ? previous : LAST;
  return compareQuarters(last, FIRST) < 0 ? [] : quarterRange(FIRST, last);
}

const bullets = (items: string[]) => items.map((x) => `- ${x}`).join("\n");

function figuresLine(s: QuarterSnapshot): string {
  const pct = s.spend.planToDateCents ? Math.round((s.spend.actualToDateCents * 100) / s.spend.planToDateCents) : 0;
  const spendObligations = s.obligations
    .filter((o) => o.kind === "spend" && o.targetCents !== null)
    .map((o) => `${o.code} ${millions(o.countedCents ?? 0, 2)} of ${millions(o.targetCents ?? 0, 2)} (${o.status.replace("_", " ")})`);
  return (
    `Figures as of ${longDate(s.asOfDate)}: spend ${millions(s.spend.actualToDateCents)} against ${millions(s.spend.planToDateCents)} planned to date (${pct}%), ` +
    `${millions(s.spend.committedToDateCents)} committed; ${s.milestones.done} of ${s.milestones.total} milestones done, ${s.milestones.slipped} slipped, ${s.milestones.overdue} overdue; ` +
    `${s.risks.aboveAppetite} of ${s.risks.count} risks above appetite.` +
    (spendObligations.length ? ` Spend obligations: ${spendObligations.join("; ")}.` : "")
  );
}

export function insertBoardReports(tx: Tx, today: string, people: PeopleIds): void {
  const rows: (typeof boardReports.$inferInsert)[] = [];
  for (const q of pastQuarters(today)) {
    const quarter = formatQuarter(q);
    const narrative = NARRATIVES[quarter];
    if (!narrative) throw new Error(`No demo narrative for ${quarter}`);
    const asOf = quarterBounds(q, FY_START_MONTH).end;
    const snapshot = buildQuarterSnapshot(tx, quarter, asOf);
    const drafted = minDate(addDays(asOf, 3), today);
    const approved = minDate(addDays(asOf, 10), today);
    const published = minDate(addDays(asOf, 14), today);
    const narrativeFields = {
      quarter,
      summary: `${figuresLine(snapshot)}\n\n${narrative.summary}`,
      highlights: bullets(narrative.highlights),
      concerns: bullets(narrative.concerns),
      decisions: bullets(narrative.decisions),
    };
    // The workflow's own approve and publish steps, on in-story days after the quarter ended (so no early-publication reason).
    const approval = { ...narrativeFields, ...approvalValues(tx, narrativeFields, { id: people.ceo, at: `${approved}T17:00:00.000Z` }, approved) };
    const drift = approvalDrift(tx, approval, published);
    if (drift.length) throw new Error(`Demo ${quarter}: figures moved between approval and publication (${drift[0]!.figure})`);
    rows.push({
      ...approval,
      ...publicationValues(approval, { id: people.ciso, at: `${published}T18:00:00.000Z` }, null),
      draftedById: people.ciso,
      version: 4,
      createdAt: `${drafted}T09:00:00.000Z`,
      updatedAt: `${published}T18:00:00.000Z`,
    });
  }

  const current = fiscalQuarterOf(today, FY_START_MONTH);
  if (compareQuarters(current, LAST) <= 0) {
    const { start, end } = quarterBounds(current, FY_START_MONTH);
    const live = MILESTONE_PLAN.filter((m) => addedOn(m) <= today && !m.cancelledOn);
    const done = live.filter((m) => m.done >= start && m.done <= today);
    const late = WORKSTREAMS.flatMap((w) => visibleSlipsAt(w.n, today)).filter((s) => s.overdue || s.slipDays > 45);
    const created = maxDate(start, addDays(today, -10));
    rows.push({
      quarter: formatQuarter(current),
      asOfDate: end,
      state: "draft",
      summary: `Draft for the ${formatQuarter(current)} board meeting; figures stay live until publication.`,
      highlights: done.length ? bullets(done.map((m) => `${m.code} ${m.title} (${longDate(m.done)}).`)) : "",
      concerns: late.length
        ? bullets(
            late.map(
              (s) =>
                `${s.milestone.code} ${s.milestone.title}: ${s.overdue ? "overdue" : `forecast ${longDate(s.forecast)}`}, ${s.slipDays} days past baseline.`,
            ),
          )
        : "",
      decisions: "",
      draftedById: people.ciso,
      ...stamps(created, today, "09:00"),
    });
  }
  insertMany(tx, boardReports, rows, 50);
}
