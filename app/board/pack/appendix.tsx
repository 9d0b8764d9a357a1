import { renderToStaticMarkup } from "react-dom/server";
import { RISK_LEVELS } from "#db/schema/enums";
import { BoardRiskChart } from "~/components/charts/board-risk-chart";
import { humanize } from "~/utils/format";
import type { PackInput } from "../pdf.server";
import { integrityLine, longDate, money, PACK_SECTIONS, trendText, workstreamHealth } from "./content";
import { periodLabel, shortPeriodLabel } from "~/measures/periods";
import { quarterChangeText } from "~/measures/quarter-change";
import { formatMeasure } from "~/measures/units";
import { INK, type PackWriter } from "./pdf-writer";

/** The tables behind the dashboard, and the fingerprint with how to check it. */
export function appendix(w: PackWriter, input: PackInput) {
  const { doc } = w;
  const { report, snapshot: s } = input;
  doc.addPage();
  w.pageTitle(`${report.quarter} · detail`, PACK_SECTIONS.appendix);

  w.heading(PACK_SECTIONS.workstreams, 11);
  const health = new Map(workstreamHealth(s).map((h) => [h.code, h]));
  w.table(
    [
      { header: "Workstream", width: 27 },
      { header: "Health and reason", width: 33 },
      { header: "Plan to date", width: 11, align: "right" },
      { header: "Actual to date", width: 11, align: "right" },
      { header: "Done", width: 6, align: "right" },
      { header: "Open", width: 6, align: "right" },
      { header: "Slipped", width: 6, align: "right" },
    ],
    s.workstreams.map((ws) => {
      const h = health.get(ws.code);
      return [
        `${ws.code} ${ws.name}`,
        h ? { rag: h.rag, text: `${h.override ? "(override) " : ""}${h.reason}` } : "—",
        money(ws.planToDateCents),
        money(ws.actualToDateCents),
        String(ws.milestonesDone),
        String(ws.milestonesOpen),
        String(ws.milestonesSlipped),
      ];
    }),
    { size: 7 },
  );

  w.heading(PACK_SECTIONS.obligations, 11);
  if (s.obligations.length)
    w.table(
      [
        { header: "Obligation", width: 42 },
        { header: "Source", width: 14 },
        { header: "Due", width: 14 },
        { header: "Status", width: 11 },
        { header: "Progress", width: 19, align: "right" },
      ],
      s.obligations.map((o) => [
        `${o.code} ${o.title}`,
        humanize(o.source),
        longDate(o.dueDate),
        humanize(o.status),
        o.kind === "spend" ? `${money(o.countedCents ?? 0)} of ${money(o.targetCents ?? 0)}` : `${o.milestonesDone} of ${o.milestonesTotal} milestones`,
      ]),
      { size: 7 },
    );
  else w.paragraph(`No obligations recorded by ${longDate(s.asOfDate)}.`, { size: 8, color: INK.muted });

  // Key outcome measures (issue 14): reports frozen before measures existed have none and skip the section.
  if (s.outcomes) {
    w.heading(PACK_SECTIONS.outcomes, 11);
    const quarters = s.outcomes[0]?.trend ?? [];
    // Reports frozen before trend points named their month read each quarter's last month, the last one included.
    const endsOnLatest = quarters.at(-1)?.period !== undefined;
    if (quarters.length)
      w.paragraph(
        `Each measure's latest value known on ${longDate(s.asOfDate)} against its target; its trend is the value at the end of each quarter from ${quarters[0]!.quarter} to ${quarters.at(-1)!.quarter}${endsOnLatest ? " (for the last, the latest value)" : ""}.`,
        { size: 8, color: INK.muted },
      );
    if (s.outcomes.length)
      w.table(
        [
          { header: "Measure", width: 27 },
          { header: "Latest value", width: 13, align: "right" },
          { header: "Target", width: 9, align: "right" },
          { header: "Status", width: 8 },
          { header: "Change over the quarter", width: 13, align: "right" },
          { header: "Quarter-end trend", width: 30 },
        ],
        s.outcomes.map((o) => [
          `${o.name} (${o.kind.toUpperCase()})${o.missingPeriod ? `; no value for ${periodLabel(o.missingPeriod)}` : ""}`,
          o.period ? `${formatMeasure(o.value, o.unit)} (${shortPeriodLabel(o.period)})` : "—",
          formatMeasure(o.target, o.unit),
          o.status ? humanize(o.status) : "not judged",
          quarterChangeText(o.quarterChange, o.improved, o.unit),
          o.trend.map((t) => formatMeasure(t.value, o.unit)).join(" → "),
        ]),
        { size: 7 },
      );
    else w.paragraph(`No key measures as of ${longDate(s.asOfDate)}.`, { size: 8, color: INK.muted });
  }

  // The heading stays with its table and chart.
  w.ensure(150);
  w.heading(PACK_SECTIONS.riskLevels, 11);
  const levels = RISK_LEVELS.filter((l) => l in s.risks.byLevel);
  const chartW = 230;
  const chartH = (chartW * 200) / 420;
  const top = doc.y;
  w.table(
    [
      { header: "Figure", width: 70 },
      { header: "Count", width: 30, align: "right" },
    ],
    [
      ["Open risks", String(s.risks.count)],
      [`Above appetite (${s.programme.riskAppetite})`, String(s.risks.aboveAppetite)],
      ...levels.map((l) => [humanize(l), String(s.risks.byLevel[l])]),
    ],
    { size: 7.5, width: w.width - chartW - 16 },
  );
  const tableEnd = doc.y;
  w.svg(
    renderToStaticMarkup(<BoardRiskChart byLevel={s.risks.byLevel} previous={input.previousByLevel} title="Open risks by level" />),
    w.left + w.width - chartW,
    top,
    chartW,
    chartH,
  );
  doc.y = Math.max(tableEnd, top + chartH + 6);
  if (s.topRisks?.length) {
    w.table(
      [
        { header: "Top risk", width: 36 },
        { header: "Workstreams", width: 16 },
        { header: "Owner", width: 16 },
        { header: "Level (score)", width: 14 },
        { header: "Trend", width: 18 },
      ],
      s.topRisks.map((r) => [`${r.code} ${r.title}`, r.workstreams.join(", ") || "—", r.owner ?? "—", `${humanize(r.level)} (${r.score})`, trendText(r)]),
      { size: 7 },
    );
  }

  w.heading(PACK_SECTIONS.rebaselines, 11);
  if (s.rebaselines === undefined) w.paragraph("This report's frozen figures predate the list of re-baselines.", { size: 8, color: INK.muted });
  else if (!s.rebaselines.length) w.paragraph("No milestone was re-baselined this quarter.", { size: 8 });
  else
    w.table(
      [
        { header: "Milestone", width: 34 },
        { header: "Re-baselined on", width: 14 },
        { header: "From", width: 13 },
        { header: "To", width: 13 },
        { header: "Reason", width: 26 },
      ],
      s.rebaselines.map((r) => [`${r.milestone} ${r.title} (${r.workstream})`, longDate(r.changedOn), longDate(r.previousDate), longDate(r.newDate), r.reason]),
      { size: 7 },
    );

  w.heading(PACK_SECTIONS.integrity, 11);
  w.paragraph(integrityLine(report), { size: 9 });
  doc.moveDown(0.4);
  if (report.state === "published" && report.contentHash) {
    w.paragraph(`SHA-256 ${report.contentHash}`, { size: 8, bold: true });
    doc.moveDown(0.3);
    w.paragraph(
      "The fingerprint is computed from the frozen figures, the narrative, who approved and published the report and when. To check a copy of this PDF, the CISO office runs: npm run cli -- board:verify <file>.pdf",
      { size: 8, color: INK.muted },
    );
  }
}
