import { renderToStaticMarkup } from "react-dom/server";
import { BoardHeatMap } from "~/components/charts/board-heat-map";
import { BoardSpendChart } from "~/components/charts/board-spend-chart";
import { humanize } from "~/utils/format";
import type { PackInput } from "../pdf.server";
import { changeRows, longDate, money, PACK_SECTIONS, spendCommitments, trendText, workstreamHealth } from "./content";
import { INK, type PackWriter, pdfText } from "./pdf-writer";

const GAP = 14;

function label(w: PackWriter, text: string, x: number, y: number, width: number) {
  w.doc.font("Helvetica-Bold").fontSize(10).fillColor(INK.accent).text(pdfText(text), x, y, { width });
  return w.doc.y + 3;
}

/** Left column: each workstream's RAG badge with the reason the rollup gives. */
function workstreams(w: PackWriter, input: PackInput, x: number, top: number, width: number): number {
  const { doc } = w;
  let y = label(w, PACK_SECTIONS.health, x, top, width);
  for (const ws of workstreamHealth(input.snapshot)) {
    const bw = w.badge(ws.rag, x, y, { size: 6.5 });
    doc
      .font("Helvetica-Bold")
      .fontSize(7.5)
      .fillColor(INK.strong)
      .text(pdfText(`${ws.code} ${ws.name}`), x + bw + 4, y + 1, { width: width - bw - 4, height: 9, ellipsis: true, lineBreak: false });
    doc
      .font("Helvetica")
      .fontSize(6.5)
      .fillColor(INK.muted)
      .text(pdfText(ws.reason), x + bw + 4, y + 10, { width: width - bw - 4, height: 16, ellipsis: true });
    y = Math.max(doc.y, y + 18) + 3;
  }
  return y;
}

/** Right column: cumulative spend against plan, the figures, and the money commitments as progress bars. */
function spend(w: PackWriter, input: PackInput, x: number, top: number, width: number): number {
  const { doc } = w;
  const s = input.snapshot;
  let y = label(w, PACK_SECTIONS.spend, x, top, width);
  const h = 118;
  w.svg(renderToStaticMarkup(<BoardSpendChart points={s.spendSeries ?? []} title="Cumulative spend against plan" width={width} height={h} />), x, y, width, h);
  y += h + 4;
  const variance = s.spend.actualToDateCents - s.spend.planToDateCents;
  doc
    .font("Helvetica")
    .fontSize(7.5)
    .fillColor(INK.text)
    .text(
      pdfText(
        `Actual ${money(s.spend.actualToDateCents)} against ${money(s.spend.planToDateCents)} planned to date (variance ${money(variance)}); ${money(s.spend.committedToDateCents)} committed. This quarter ${money(s.spend.quarterActualCents)} of ${money(s.spend.quarterPlanCents)} planned.`,
      ),
      x,
      y,
      { width },
    );
  y = doc.y + 5;
  for (const c of spendCommitments(s)) {
    doc
      .font("Helvetica-Bold")
      .fontSize(7)
      .fillColor(INK.strong)
      .text(pdfText(`${c.code} ${c.title} (${c.source}, ${c.status})`), x, y, { width, height: 9, ellipsis: true, lineBreak: false });
    y += 10;
    const share = c.targetCents ? Math.min(1, c.countedCents / c.targetCents) : 0;
    doc.rect(x, y, width, 6).fill("#e2e8f0");
    doc.rect(x, y, width * share, 6).fill(share >= 1 ? "#15803d" : "#0369a1");
    y += 8;
    doc
      .font("Helvetica")
      .fontSize(6.5)
      .fillColor(INK.muted)
      .text(pdfText(`${money(c.countedCents)} of ${money(c.targetCents)} counted, ${c.window}`), x, y, { width });
    y = doc.y + 4;
  }
  return y;
}

function milestones(w: PackWriter, input: PackInput, top: number): number {
  const { doc } = w;
  const s = input.snapshot;
  const m = s.milestones;
  let y = label(w, PACK_SECTIONS.milestones, w.left, top, w.width);
  const tiles: [string, string][] = [
    ["Done", `${m.done} of ${m.total}`],
    ["Done this quarter", String(m.doneInQuarter)],
    ["Slipped", String(m.slipped)],
    ["Slipped (first baseline)", m.slippedOriginal === undefined ? "—" : String(m.slippedOriginal)],
    ["Overdue", String(m.overdue)],
    ["Re-baselines this qtr", m.rebaselinesInQuarter === undefined ? "—" : String(m.rebaselinesInQuarter)],
  ];
  const tw = (w.width - 5 * 6) / 6;
  tiles.forEach(([t, v], i) => {
    const x = w.left + i * (tw + 6);
    doc.rect(x, y, tw, 28).fill(INK.band);
    doc
      .font("Helvetica")
      .fontSize(6.5)
      .fillColor(INK.muted)
      .text(pdfText(t), x + 4, y + 3, { width: tw - 8, lineBreak: false });
    doc
      .font("Helvetica-Bold")
      .fontSize(11)
      .fillColor(INK.strong)
      .text(pdfText(v), x + 4, y + 13, { width: tw - 8, lineBreak: false });
  });
  y += 32;
  const rebaselines = s.rebaselines;
  const text =
    rebaselines === undefined
      ? "This report's frozen figures predate the list of re-baselines."
      : rebaselines.length
        ? `Re-baselines disclosed (${rebaselines.length}): ` +
          rebaselines
            .slice(0, 3)
            .map((r) => `${r.milestone} ${r.title}: ${longDate(r.previousDate)} → ${longDate(r.newDate)} (${r.reason})`)
            .join("; ") +
          (rebaselines.length > 3 ? `; and ${rebaselines.length - 3} more in appendix D.` : ".")
        : "No milestone was re-baselined this quarter.";
  doc.font("Helvetica").fontSize(7).fillColor(INK.text).text(pdfText(text), w.left, y, { width: w.width, height: 36, ellipsis: true });
  return doc.y + 4;
}

function risks(w: PackWriter, input: PackInput, top: number): number {
  const s = input.snapshot;
  let y = label(w, PACK_SECTIONS.risks, w.left, top, w.width);
  const mapW = 196;
  let mapBottom: number;
  if (s.heatMap) {
    const svg = renderToStaticMarkup(<BoardHeatMap map={s.heatMap} title="Open risks by likelihood and impact" size={mapW} />);
    const h = Number(/viewBox="0 0 [\d.]+ ([\d.]+)"/.exec(svg)?.[1] ?? mapW);
    w.svg(svg, w.left, y, mapW, h);
    mapBottom = y + h;
  } else {
    w.doc.font("Helvetica").fontSize(7).fillColor(INK.muted).text("This report's frozen figures predate the heat map.", w.left, y, { width: mapW });
    mapBottom = w.doc.y;
  }
  const x = w.left + mapW + GAP;
  const width = w.width - mapW - GAP;
  w.doc.y = y;
  if (s.topRisks) {
    w.table(
      [
        { header: "Top five risks", width: 40 },
        { header: "Owner", width: 17 },
        { header: "Level (score)", width: 15 },
        { header: "Trend this quarter", width: 16 },
        { header: "Treatment", width: 12 },
      ],
      s.topRisks.map((r) => [
        `${r.code} ${r.title}`,
        r.owner ?? "—",
        `${humanize(r.level)} (${r.score})${r.aboveAppetite ? "*" : ""}`,
        trendText(r),
        humanize(r.treatment),
      ]),
      { size: 6.8, x, width },
    );
    const above = s.topRisks.filter((r) => r.aboveAppetite).length;
    if (above)
      w.doc
        .font("Helvetica")
        .fontSize(6.5)
        .fillColor(INK.muted)
        .text(pdfText(`* above the risk appetite (${s.programme.riskAppetite}): ${above} of these ${s.topRisks.length}.`), x, w.doc.y - 3, { width });
  } else w.doc.font("Helvetica").fontSize(7).fillColor(INK.muted).text("This report's frozen figures predate the named top risks.", x, y, { width });
  y = Math.max(mapBottom, w.doc.y);
  return y + 4;
}

function changes(w: PackWriter, input: PackInput, top: number) {
  const y = label(w, `${PACK_SECTIONS.changes}${input.deltas.previousQuarter ? ` (${input.deltas.previousQuarter})` : ""}`, w.left, top, w.width);
  w.doc.y = y;
  if (!input.deltas.previousQuarter) {
    w.paragraph("No earlier published report to compare with.", { size: 8, color: INK.muted });
    return;
  }
  const rows = changeRows(input.snapshot, input.deltas);
  w.table(
    [
      { header: "Figure", width: 40 },
      { header: input.deltas.previousQuarter, width: 20, align: "right" },
      { header: input.report.quarter, width: 20, align: "right" },
      { header: "Change", width: 20, align: "right" },
    ],
    rows.map((r) => [r.figure, r.before, r.now, r.change]),
    { size: 7 },
  );
}

/** The one-page dashboard (NACD): health with reasons, spend and commitments, milestones, heat map and top risks, changes. */
export function dashboard(w: PackWriter, input: PackInput) {
  const { doc } = w;
  const s = input.snapshot;
  doc.addPage();
  w.pageTitle(`${input.report.quarter} · as of ${longDate(s.asOfDate)}`, PACK_SECTIONS.dashboard);
  let y = doc.y;
  if (s.health) {
    let x = w.left;
    x += w.badge(s.health.overall, x, y, { label: "Overall", size: 9 }) + 10;
    for (const [d, rag] of Object.entries(s.health.dimensions)) if (rag) x += w.badge(rag, x, y + 1.5, { label: humanize(d), size: 7 }) + 5;
    if (input.deltas.health.before)
      doc
        .font("Helvetica")
        .fontSize(7.5)
        .fillColor(INK.muted)
        .text(pdfText(`${input.deltas.previousQuarter}: ${input.deltas.health.before.toUpperCase()} (${input.deltas.health.direction})`), x + 4, y + 4, {
          width: w.left + w.width - x - 4,
          lineBreak: false,
        });
    y += 22;
  }
  const colW = (w.width - GAP) / 2;
  const leftEnd = workstreams(w, input, w.left, y, colW);
  const rightEnd = spend(w, input, w.left + colW + GAP, y, colW);
  y = milestones(w, input, Math.max(leftEnd, rightEnd) + 4);
  y = risks(w, input, y + 4);
  changes(w, input, y + 4);
}
