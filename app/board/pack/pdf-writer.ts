import type PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";
import type { Rag } from "#db/schema/enums";
import { narrativeBlocks } from "../narrative-blocks";

type Doc = InstanceType<typeof PDFDocument>;

// The standard PDF fonts speak WinAnsi only: spell out the few characters the pack uses beyond it.
export const pdfText = (s: string) =>
  s
    .replace(/\u2212/g, "-")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2026/g, "...")
    .replace(/\u2192/g, "->")
    .replace(/\u2191/g, "up")
    .replace(/\u2193/g, "down")
    // eslint-disable-next-line no-control-regex -- control characters (line breaks) pass through untouched
    .replace(/[^\u0000-\u00ff\u2013\u2014\u2022]/g, "?");

export const INK = { text: "#1e293b", strong: "#0f172a", muted: "#475569", rule: "#cbd5e1", band: "#f1f5f9", accent: "#0c4a6e" };
export const RAG_FILL: Record<Rag, string> = { green: "#15803d", amber: "#b45309", red: "#b91c1c" };

export type Column = { header: string; width: number; align?: "left" | "right" | "center" };
/** A table cell: text, or a RAG badge (drawn, with its word printed). */
export type Cell = string | { rag: Rag; text?: string };

/**
 * Layout primitives of the board pack over pdfkit: headings, Markdown-ish
 * narrative, RAG badges, tables that break across pages with their header
 * repeated, and SVG charts placed only where they fit inside the margins.
 */
export class PackWriter {
  constructor(readonly doc: Doc) {}

  get left() {
    return this.doc.page.margins.left;
  }
  get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page when fewer than `height` points remain. */
  ensure(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
    this.doc.x = this.left;
  }

  pageTitle(kicker: string, title: string) {
    const { doc } = this;
    doc.font("Helvetica-Bold").fontSize(8).fillColor(INK.accent).text(pdfText(kicker.toUpperCase()), this.left, doc.page.margins.top, { characterSpacing: 1 });
    doc.font("Helvetica-Bold").fontSize(18).fillColor(INK.strong).text(pdfText(title));
    const y = doc.y + 4;
    doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(1.5)
      .strokeColor(INK.accent)
      .stroke();
    doc.y = y + 10;
  }

  heading(text: string, size = 12) {
    this.ensure(size * 4);
    this.doc.moveDown(0.5).font("Helvetica-Bold").fontSize(size).fillColor(INK.strong).text(pdfText(text), this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.25);
  }

  paragraph(text: string, options: { size?: number; color?: string; bold?: boolean; width?: number; x?: number } = {}) {
    const { doc } = this;
    doc
      .font(options.bold ? "Helvetica-Bold" : "Helvetica")
      .fontSize(options.size ?? 10)
      .fillColor(options.color ?? INK.text)
      .text(pdfText(text), options.x ?? this.left, doc.y, { width: options.width ?? this.width, lineGap: 1.5 });
  }

  list(items: string[], numbered: boolean, size = 10) {
    const { doc } = this;
    items.forEach((item, n) => {
      const text = pdfText(item);
      const indent = 16;
      const height = doc
        .font("Helvetica")
        .fontSize(size)
        .heightOfString(text, { width: this.width - indent, lineGap: 1.5 });
      this.ensure(height + 2);
      const y = doc.y;
      doc
        .font(numbered ? "Helvetica-Bold" : "Helvetica")
        .fillColor(INK.accent)
        .text(numbered ? `${n + 1}.` : "\u2022", this.left + 2, y, { width: indent, lineBreak: false });
      doc
        .font("Helvetica")
        .fillColor(INK.text)
        .text(text, this.left + indent, y, { width: this.width - indent, lineGap: 1.5 });
      doc.y += 2;
    });
    doc.x = this.left;
  }

  /** The narrative as typed: paragraphs, and "- " or "1. " lines as real lists. */
  narrative(text: string, size = 10) {
    const blocks = narrativeBlocks(text);
    if (!blocks.length) this.paragraph("(none)", { size, color: INK.muted });
    for (const b of blocks) {
      if (b.kind === "paragraph") {
        this.ensure(size * 3);
        this.paragraph(b.text, { size });
        this.doc.moveDown(0.4);
      } else this.list(b.items, b.kind === "numbered", size);
    }
  }

  /** A RAG badge at (x, y): filled, with the word printed so it reads in black and white. Returns its width. */
  badge(rag: Rag, x: number, y: number, options: { label?: string; size?: number } = {}) {
    const { doc } = this;
    const size = options.size ?? 7.5;
    const word = `${options.label ? `${options.label}: ` : ""}${rag.toUpperCase()}`;
    doc.font("Helvetica-Bold").fontSize(size);
    const w = doc.widthOfString(word) + size * 1.2;
    const h = size * 1.6;
    doc.roundedRect(x, y, w, h, 2).fill(RAG_FILL[rag]);
    doc.fillColor("#ffffff").text(word, x + size * 0.6, y + size * 0.35, { lineBreak: false });
    doc.fillColor(INK.text);
    return w;
  }

  /** A table that breaks across pages, repeating its header; column widths are fractions of the text width. */
  table(columns: Column[], rows: Cell[][], options: { size?: number; x?: number; width?: number } = {}) {
    const left = options.x ?? this.left;
    const width = options.width ?? this.width;
    const { doc } = this;
    const size = options.size ?? 8;
    const pad = size < 7.5 ? 2 : 3;
    const total = columns.reduce((a, c) => a + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * width);
    const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const cellText = (c: Cell) => pdfText(typeof c === "string" ? c : (c.text ?? ""));
    const header = () => {
      doc.font("Helvetica-Bold").fontSize(size);
      const h = Math.max(...columns.map((c, i) => doc.heightOfString(pdfText(c.header), { width: widths[i]! - 2 * pad }))) + 2 * pad;
      if (doc.y + h + size * 3 > this.bottom) doc.addPage();
      const y = doc.y;
      doc.rect(left, y, width, h).fill(INK.accent);
      columns.forEach((c, i) =>
        doc
          .fillColor("#ffffff")
          .font("Helvetica-Bold")
          .fontSize(size)
          .text(pdfText(c.header), xs[i]! + pad, y + pad, { width: widths[i]! - 2 * pad, align: c.align ?? "left" }),
      );
      doc.y = y + h;
    };
    header();
    rows.forEach((row, r) => {
      doc.font("Helvetica").fontSize(size);
      const h =
        Math.max(size * 1.5, ...row.map((c, i) => doc.heightOfString(cellText(c), { width: widths[i]! - 2 * pad - (typeof c === "string" ? 0 : size * 5) }))) +
        2 * pad;
      if (doc.y + h > this.bottom) {
        doc.addPage();
        header();
      }
      const y = doc.y;
      if (r % 2 === 1) doc.rect(left, y, width, h).fill(INK.band);
      row.forEach((c, i) => {
        let x = xs[i]! + pad;
        if (typeof c !== "string") x += this.badge(c.rag, x, y + pad - 1, { size: size - 1 }) + 4;
        doc
          .font("Helvetica")
          .fontSize(size)
          .fillColor(INK.text)
          .text(cellText(c), x, y + pad, { width: xs[i]! + widths[i]! - pad - x, align: columns[i]!.align ?? "left" });
      });
      doc
        .moveTo(left, y + h)
        .lineTo(left + width, y + h)
        .lineWidth(0.5)
        .strokeColor(INK.rule)
        .stroke();
      doc.y = y + h;
    });
    doc.x = this.left;
    doc.y += 6;
  }

  /** Draws an SVG chart at (x, y) at the given size; the caller keeps it inside the margins (tests check every page). */
  svg(svg: string, x: number, y: number, width: number, height: number) {
    if (x < this.left - 0.5 || x + width > this.left + this.width + 0.5 || y + height > this.bottom + 0.5)
      throw new RangeError(`Chart at ${x},${y} (${width}x${height}) would cross the margins`);
    // svg-to-pdfkit sizes the drawing by the root's width and height attributes: set them to the placement, the viewBox scales into it.
    const sized = svg.replace(/^<svg([^>]*?) width="[^"]*"([^>]*?) height="[^"]*"/, `<svg$1 width="${width}"$2 height="${height}"`);
    SVGtoPDF(this.doc, sized, x, y, { width, height, assumePt: true });
  }
}
