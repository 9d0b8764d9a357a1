import PDFDocument from "pdfkit";
import { renderToStaticMarkup } from "react-dom/server";
import SVGtoPDF from "svg-to-pdfkit";
import { RISK_LEVELS, type RiskLevel } from "#db/schema/enums";
import { BoardRiskChart } from "~/components/charts/board-risk-chart";
import { BoardSpendChart } from "~/components/charts/board-spend-chart";
import { formatCents, humanize } from "~/utils/format";
import { type Delta, formatChange, type QuarterDeltas } from "./deltas";
import type { QuarterSnapshot } from "./snapshot.server";

import type { SnapshotOutcome } from "./outcomes.server";
import { formatMeasure } from "~/measures/units";

export type PackInput = {
  report: {
    quarter: string;
    state: string;
    summary: string;
    highlights: string;
    concerns: string;
    decisions: string;
    contentHash: string | null;
    publishedAt: string | null;
    publisherName: string | null;
    approvedAt: string | null;
    approverName: string | null;
    approvedOn: string | null;
    publishedOn: string | null;
    earlyPublicationReason: string | null;
    timeZone: string;
  };
  snapshot: QuarterSnapshot;
  deltas: QuarterDeltas;
  previousByLevel: Record<RiskLevel, number> | null;
  verified: boolean | null;
};

// The standard PDF fonts speak WinAnsi only: spell out the few characters the page uses beyond it.
const pdfText = (s: string) =>
  s
    .replace(/\u2212/g, "-")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2026/g, "...")
    // eslint-disable-next-line no-control-regex -- control characters (line breaks) pass through untouched
    .replace(/[^\u0000-\u00ff\u2013\u2014\u2022]/g, "?");
const money = (n: number) => formatCents(n);
const change = (d: Delta, format: (n: number) => string = String) => pdfText(formatChange(d.change, format));

/**
 * The board pack: the report's narrative, figures, deltas and charts as a
 * PDF, with the content hash and publication date in the footer of every
 * page (a draft says DRAFT there instead). Charts are the page's own SVG.
 */
export function renderBoardPack(input: PackInput, options: { compress?: boolean } = {}): Promise<Buffer> {
  const { report, snapshot: s, deltas } = input;
  const published = report.state === "published";
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    compress: options.compress ?? true,
    info: {
      Title: `Board report ${report.quarter}`,
      Author: s.programme.name,
      Subject: published ? `Published ${report.publishedOn}; SHA-256 ${report.contentHash}` : "DRAFT - not published",
      Keywords: report.contentHash ?? "draft",
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  const h1 = (t: string) => doc.font("Helvetica-Bold").fontSize(20).fillColor("#0f172a").text(pdfText(t));
  const h2 = (t: string) => doc.moveDown(0.8).font("Helvetica-Bold").fontSize(14).fillColor("#0f172a").text(pdfText(t)).moveDown(0.3);
  const h3 = (t: string) => doc.moveDown(0.4).font("Helvetica-Bold").fontSize(11).fillColor("#0f172a").text(pdfText(t));
  const p = (t: string) =>
    doc
      .font("Helvetica")
      .fontSize(10)
      .fillColor("#1e293b")
      .text(pdfText(t || "-"), { width });
  const row = (label: string, value: string, extra = "") => {
    const y = doc.y;
    const left = doc.page.margins.left;
    doc.font("Helvetica").fontSize(10).fillColor("#334155").text(pdfText(label), left, y, { width: 190 });
    const after = doc.y;
    doc
      .font("Helvetica-Bold")
      .fillColor("#0f172a")
      .text(pdfText(value), left + 190, y, { width: 130, align: "right" });
    doc
      .font("Helvetica")
      .fillColor("#475569")
      .text(pdfText(extra), left + 340, y, { width: width - 340 });
    doc.x = left;
    doc.y = Math.max(after, doc.y);
  };
  const chart = (svg: string, w: number, h: number) => {
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    SVGtoPDF(doc, svg, doc.page.margins.left, doc.y, { width: w, height: h });
    doc.y += h + 8;
    doc.x = doc.page.margins.left;
  };
  const against = () =>
    p(
      deltas.previousQuarter
        ? `Right-hand column: change since the previous published report, ${deltas.previousQuarter}.`
        : "No earlier published report to compare with.",
    );

  // Cover and narrative.
  h1(`Board report ${report.quarter}`);
  p(`${s.programme.name}`);
  p(`Figures as of ${s.asOfDate} (dates are in ${report.timeZone} time). State: ${humanize(report.state)}.`);
  if (report.approvedOn) p(`Approved by ${report.approverName ?? "-"} on ${report.approvedOn}.`);
  if (published) {
    p(
      `Published by ${report.publisherName ?? "-"} on ${report.publishedOn}. Content hash (SHA-256 of the frozen figures, narrative, approver and dates): ${report.contentHash}${input.verified ? " - verified." : " - NOT verified."}`,
    );
    if (report.earlyPublicationReason) p(`Published before the quarter ended, because: ${report.earlyPublicationReason}`);
  } else if (report.state === "approved") p("APPROVED, not yet published: these are the figures the executive approved; publication checks they still hold.");
  else p("DRAFT: the figures are live and will be frozen when the report is approved.");
  h2("Summary");
  p(report.summary);
  h3("Highlights");
  p(report.highlights);
  h3("Concerns");
  p(report.concerns);
  h3("Decisions asked of the board");
  p(report.decisions);

  doc.addPage();
  if (s.health) {
    h2(`Programme health: ${s.health.overall.toUpperCase()}`);
    if (deltas.health.before) p(`${deltas.previousQuarter}: ${deltas.health.before.toUpperCase()} (${deltas.health.direction}).`);
    p(
      Object.entries(s.health.dimensions)
        .map(([d, rag]) => `${humanize(d)} ${rag.toUpperCase()}`)
        .join("   "),
    );
    for (const r of s.health.reasons) p(`- [${r.rag.toUpperCase()}] ${r.text}`);
    if (!s.health.reasons.length) p("Every workstream is green.");
  }

  h2(`Spend to ${s.asOfDate}`);
  against();
  doc.moveDown(0.3);
  row("Plan to date", money(s.spend.planToDateCents), change(deltas.spend.planToDate, money));
  row("Actual to date", money(s.spend.actualToDateCents), change(deltas.spend.actualToDate, money));
  row("Committed to date", money(s.spend.committedToDateCents), change(deltas.spend.committedToDate, money));
  row("Variance (actual - plan)", money(s.spend.actualToDateCents - s.spend.planToDateCents), change(deltas.spend.variance, money));
  row("This quarter: actual / plan", `${money(s.spend.quarterActualCents)} / ${money(s.spend.quarterPlanCents)}`);
  doc.moveDown(0.5);
  chart(renderToStaticMarkup(<BoardSpendChart points={s.spendSeries ?? []} title="Cumulative spend against plan" />), width, (width * 280) / 720);

  h2("Milestones");
  against();
  doc.moveDown(0.3);
  const m = s.milestones;
  row("Done", String(m.done), change(deltas.milestones.done));
  row("Open", String(m.open), change(deltas.milestones.open));
  row("Slipped", String(m.slipped), change(deltas.milestones.slipped));
  row("Overdue", String(m.overdue), change(deltas.milestones.overdue));
  row("Done this quarter", String(m.doneInQuarter));

  doc.addPage();
  h2("Risks");
  against();
  doc.moveDown(0.3);
  row("Open risks", String(s.risks.count), change(deltas.risks.count));
  row(`Above appetite (${s.programme.riskAppetite})`, String(s.risks.aboveAppetite), change(deltas.risks.aboveAppetite));
  for (const l of RISK_LEVELS.filter((x) => x in s.risks.byLevel)) row(humanize(l), String(s.risks.byLevel[l]), change(deltas.risks.byLevel[l]));
  doc.moveDown(0.5);
  chart(
    renderToStaticMarkup(<BoardRiskChart byLevel={s.risks.byLevel} previous={input.previousByLevel} title="Open risks by level" />),
    300,
    (300 * 200) / 420,
  );

  h2("Obligations");
  for (const o of s.obligations) {
    const progress =
      o.kind === "spend" ? `${money(o.countedCents ?? 0)} of ${money(o.targetCents ?? 0)}` : `${o.milestonesDone} of ${o.milestonesTotal} milestones`;
    h3(`${o.code} ${o.title}`);
    p(`${humanize(o.source)}${o.dueDate ? `, due ${o.dueDate}` : ""}: ${humanize(o.status)}, ${progress}.`);
  }
  if (!s.obligations.length) p("No obligations recorded.");

  if (s.outcomes) outcomesPdfSection(s.outcomes, { h2, p, row });

  doc.addPage();
  h2("Workstreams");
  const health = new Map((s.health?.workstreams ?? []).map((w) => [w.code, w]));
  for (const w of s.workstreams) {
    const hw = health.get(w.code);
    h3(`${w.code} ${w.name}: ${(hw?.overall ?? "-").toUpperCase()}${hw?.override ? " (manual override)" : ""}`);
    p(
      `Plan to date ${money(w.planToDateCents)}, actual ${money(w.actualToDateCents)}; milestones ${w.milestonesDone} done, ${w.milestonesOpen} open, ${w.milestonesSlipped} slipped.`,
    );
  }

  // Footers last, on every buffered page; the bottom margin is lifted so the footer cannot spill onto a new page.
  const range = doc.bufferedPageRange();
  const footer = published
    ? `${report.quarter} - published ${report.publishedOn} - SHA-256 ${report.contentHash}`
    : `${report.quarter} - DRAFT, not published - figures live as of ${s.asOfDate}`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("Helvetica")
      .fontSize(7)
      .fillColor("#475569")
      .text(`${footer} - page ${i + 1} of ${range.count}`, doc.page.margins.left, doc.page.height - 40, { width, lineBreak: false });
    if (!published)
      doc
        .font("Helvetica-Bold")
        .fontSize(48)
        .fillColor("#dc2626")
        .opacity(0.15)
        .text("DRAFT", doc.page.margins.left, 360, { width, align: "center", lineBreak: false })
        .opacity(1);
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

/**
 * The board pack's outcomes section (issue 14): one line per key measure with
 * its latest value, target, status and change over the quarter, then its
 * quarter-end trend. Kept apart so the pack's layout can restyle it.
 */
export function outcomesPdfSection(
  outcomes: SnapshotOutcome[],
  w: { h2: (t: string) => unknown; p: (t: string) => unknown; row: (label: string, value: string, extra?: string) => unknown },
) {
  w.h2("Security outcomes");
  if (!outcomes.length) {
    w.p("No key measures.");
    return;
  }
  for (const o of outcomes) {
    const status = o.status ? o.status.replace("_", " ").toUpperCase() : "NOT JUDGED";
    const qoq =
      o.quarterChange === null
        ? ""
        : `QoQ ${o.quarterChange > 0 ? "+" : ""}${formatMeasure(o.quarterChange, o.unit)}${o.improved ? " (better)" : " (not better)"}`;
    w.row(`${o.name} (${o.kind.toUpperCase()})`, `${formatMeasure(o.value, o.unit)} / ${formatMeasure(o.target, o.unit)}`, `${status} ${qoq}`);
    w.p(
      `  Trend: ${o.trend.map((t) => `${t.quarter} ${formatMeasure(t.value, o.unit)}`).join(", ")}${o.missingPeriod ? `; no value for ${o.missingPeriod}` : ""}`,
    );
  }
}
