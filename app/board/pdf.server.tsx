import PDFDocument from "pdfkit";
import type { RiskLevel } from "#db/schema/enums";
import type { QuarterDeltas } from "./deltas";
import { appendix } from "./pack/appendix";
import { cover, memo } from "./pack/cover-memo";
import { dashboard } from "./pack/dashboard";
import { INK, PackWriter, pdfText } from "./pack/pdf-writer";
import { yieldToEventLoop } from "~/exports/batches.server";
import type { QuarterSnapshot } from "./snapshot.server";

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

/** What identifies a pack: the PDF's Keywords carry the quarter and the fingerprint, so board:verify knows which report to check. */
export const PACK_KEYWORD = "rampart-board-report";
export function packKeywords(quarter: string, contentHash: string | null): string {
  return `${PACK_KEYWORD} quarter=${quarter} sha256=${contentHash ?? "draft"}`;
}

/**
 * The board pack (NACD Director's Handbook on Cyber-Risk Oversight): a cover,
 * a memo, a one-page dashboard and an appendix of tables, all from the frozen
 * snapshot. A published report renders deterministically (its creation date
 * is the publication instant, pdfkit's file id derives from the metadata), so
 * board:verify can regenerate it and compare (docs/decisions/013).
 */
export async function renderBoardPack(input: PackInput, options: { compress?: boolean } = {}): Promise<Buffer> {
  const { report } = input;
  const published = report.state === "published";
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 48, bottom: 56, left: 48, right: 48 },
    bufferPages: true,
    compress: options.compress ?? true,
    info: {
      Title: `Board report ${report.quarter}`,
      Author: pdfText(input.snapshot.programme.name),
      Subject: published ? `Published ${report.publishedOn}` : "DRAFT - not published",
      Keywords: packKeywords(report.quarter, published ? report.contentHash : null),
      CreationDate: new Date(report.publishedAt ?? report.approvedAt ?? "2000-01-01T00:00:00.000Z"),
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const w = new PackWriter(doc);

  // A part at a time, letting other requests run in between: the whole pack took 100-300 ms of one turn of the event
  // loop (issue 12). The output does not depend on the pauses (board:verify regenerates it byte for byte).
  cover(w, input);
  if (published && input.verified === false)
    w.paragraph("Warning: the stored report no longer matches its fingerprint. Ask the CISO office before relying on it.", { bold: true, color: "#b91c1c" });
  await yieldToEventLoop();
  memo(w, input);
  await yieldToEventLoop();
  dashboard(w, input);
  await yieldToEventLoop();
  appendix(w, input);
  await yieldToEventLoop();

  // Footers last, on every buffered page; the bottom margin is lifted so the footer cannot spill onto a new page.
  const range = doc.bufferedPageRange();
  const footer = published
    ? `Board report ${report.quarter} - ${input.snapshot.programme.name} - published ${report.publishedOn}`
    : `Board report ${report.quarter} - DRAFT, not published - figures live as of ${input.snapshot.asOfDate}`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 36;
    doc
      .moveTo(w.left, y - 6)
      .lineTo(w.left + w.width, y - 6)
      .lineWidth(0.5)
      .strokeColor(INK.rule)
      .stroke();
    doc
      .font("Helvetica")
      .fontSize(7)
      .fillColor(INK.muted)
      .text(pdfText(footer), w.left, y, { width: w.width - 60, lineBreak: false });
    doc.text(`Page ${i + 1} of ${range.count}`, w.left + w.width - 60, y, { width: 60, align: "right", lineBreak: false });
    if (!published)
      doc
        .font("Helvetica-Bold")
        .fontSize(48)
        .fillColor("#dc2626")
        .opacity(0.15)
        .text("DRAFT", w.left, 400, { width: w.width, align: "center", lineBreak: false })
        .opacity(1);
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return await done;
}
