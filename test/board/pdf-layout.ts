import path from "node:path";
import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";

/**
 * A PDF read back by PDF.js, independently of the code that wrote it: each
 * page's text and the page-space bounds of every text run and every path
 * (lines, rectangles, chart shapes), with the current transformation matrix
 * tracked through save/restore/transform. Coordinates are PDF points with the
 * origin at the page's top-left, y growing downwards, as a reader sees it.
 */
export type Box = { x0: number; y0: number; x1: number; y1: number };
export type PageLayout = { number: number; width: number; height: number; text: string; textBoxes: Array<Box & { str: string }>; paths: Box[] };

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]] as const;

const FONTS = `${path.resolve("node_modules/pdfjs-dist/standard_fonts")}/`;

export async function readPdf(pdf: Buffer): Promise<PageLayout[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), standardFontDataUrl: FONTS, verbosity: 0 }).promise;
  const pages: PageLayout[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , width, height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const textBoxes = content.items.flatMap((item) =>
      "str" in item && item.str.trim()
        ? [
            {
              str: item.str,
              x0: item.transform[4],
              x1: item.transform[4] + item.width,
              y1: height - item.transform[5],
              y0: height - item.transform[5] - item.height,
            },
          ]
        : [],
    );
    const text = content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join("");
    const ops = await page.getOperatorList();
    const paths: Box[] = [];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: Matrix[] = [];
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.save) stack.push(ctm);
      else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
      else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
      else if (fn === OPS.constructPath) {
        const mm = args[2] as ArrayLike<number> | null;
        if (!mm || !Number.isFinite(mm[0]!)) return;
        const corners = [apply(ctm, mm[0]!, mm[1]!), apply(ctm, mm[2]!, mm[3]!), apply(ctm, mm[0]!, mm[3]!), apply(ctm, mm[2]!, mm[1]!)];
        const xs = corners.map((c) => c[0]);
        const ys = corners.map((c) => height - c[1]);
        paths.push({ x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) });
      }
    });
    pages.push({ number: n, width, height, text, textBoxes, paths });
  }
  await doc.destroy();
  return pages;
}
