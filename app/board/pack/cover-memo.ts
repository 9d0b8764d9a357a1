import type { PackInput } from "../pdf.server";
import { formatCentsShort } from "~/utils/format";
import { integrityLine, longDate, PACK_SECTIONS } from "./content";
import { INK, type PackWriter, pdfText } from "./pdf-writer";

/** Cover: programme, quarter, approver and publication date, the overall RAG and five figures, the integrity line. */
export function cover(w: PackWriter, input: PackInput) {
  const { doc } = w;
  const { report, snapshot: s } = input;
  doc.rect(0, 0, doc.page.width, 215).fill(INK.accent);
  doc
    .font("Helvetica-Bold")
    .fontSize(10)
    .fillColor("#bae6fd")
    .text(pdfText(s.programme.name.toUpperCase()), w.left, 52, { width: w.width, characterSpacing: 1 });
  doc.font("Helvetica-Bold").fontSize(30).fillColor("#ffffff").text(`Board report ${report.quarter}`, w.left, 72, { width: w.width });
  doc
    .font("Helvetica")
    .fontSize(12)
    .fillColor("#e0f2fe")
    .text(pdfText(`Cybersecurity programme: figures as of ${longDate(s.asOfDate)}`), w.left, doc.y + 6, { width: w.width });
  const meta: [string, string][] = [
    ["Approved by", report.approverName ? `${report.approverName}, ${longDate(report.approvedOn)}` : "Not yet approved"],
    ["Published", report.publishedOn ? `${longDate(report.publishedOn)} by ${report.publisherName ?? "—"}` : "Not published (draft)"],
  ];
  let y = 160;
  for (const [label, value] of meta) {
    doc.font("Helvetica").fontSize(9).fillColor("#bae6fd").text(pdfText(label), w.left, y, { width: 90 });
    doc
      .font("Helvetica-Bold")
      .fontSize(10)
      .fillColor("#ffffff")
      .text(pdfText(value), w.left + 90, y - 1, { width: w.width - 90 });
    y += 18;
  }

  doc.y = 235;
  doc.font("Helvetica-Bold").fontSize(14).fillColor(INK.strong).text(PACK_SECTIONS.glance, w.left, doc.y);
  doc.moveDown(0.5);
  if (s.health) {
    const by = doc.y;
    w.badge(s.health.overall, w.left, by, { label: "Overall", size: 12 });
    doc.y = by + 26;
  }
  const tiles: [string, string][] = [
    ["Spent to date", `${formatCentsShort(s.spend.actualToDateCents)} of ${formatCentsShort(s.spend.planToDateCents)} planned`],
    ["Committed", formatCentsShort(s.spend.committedToDateCents)],
    ["Milestones", `${s.milestones.done} of ${s.milestones.total} done, ${s.milestones.slipped} slipped`],
    ["Open risks", `${s.risks.count}, ${s.risks.aboveAppetite} above appetite`],
  ];
  const tileW = (w.width - 3 * 10) / 4;
  const ty = doc.y;
  tiles.forEach(([label, value], i) => {
    const x = w.left + i * (tileW + 10);
    doc.roundedRect(x, ty, tileW, 62, 3).lineWidth(0.8).strokeColor(INK.rule).stroke();
    doc
      .font("Helvetica")
      .fontSize(8)
      .fillColor(INK.muted)
      .text(pdfText(label.toUpperCase()), x + 8, ty + 8, { width: tileW - 16 });
    doc
      .font("Helvetica-Bold")
      .fontSize(10)
      .fillColor(INK.strong)
      .text(pdfText(value), x + 8, ty + 22, { width: tileW - 16 });
  });
  doc.y = ty + 74;
  doc.x = w.left;

  const iy = doc.y;
  doc
    .font("Helvetica")
    .fontSize(9)
    .fillColor(INK.text)
    .text(pdfText(integrityLine(report)), w.left + 12, iy + 2, { width: w.width - 12 });
  doc.rect(w.left, iy, 3, doc.y - iy + 2).fill(INK.accent);
  if (report.earlyPublicationReason)
    doc
      .moveDown(0.5)
      .fillColor(INK.text)
      .text(pdfText(`Published before the quarter ended, because: ${report.earlyPublicationReason}`), w.left + 12, doc.y, { width: w.width - 12 });
  doc.x = w.left;
}

/**
 * The memo (up to two pages): executive summary, highlights, concerns and the
 * decisions asked, with the narrative's lists as lists. It starts under the
 * cover's title block, so a short memo leaves no half-empty page.
 */
export function memo(w: PackWriter, input: PackInput) {
  const { report } = input;
  const { doc } = w;
  doc.moveDown(1);
  const y = doc.y + 4;
  doc
    .moveTo(w.left, y)
    .lineTo(w.left + w.width, y)
    .lineWidth(1.5)
    .strokeColor(INK.accent)
    .stroke();
  doc.y = y + 8;
  doc.font("Helvetica-Bold").fontSize(16).fillColor(INK.strong).text(PACK_SECTIONS.memo, w.left, doc.y);
  w.heading("Executive summary");
  w.narrative(report.summary);
  w.heading("Highlights");
  w.narrative(report.highlights);
  w.heading("Concerns");
  w.narrative(report.concerns);
  w.heading("Decisions asked of the board");
  w.narrative(report.decisions);
}
