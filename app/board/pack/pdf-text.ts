import zlib from "node:zlib";

/**
 * Used by board:verify to name what differs between two packs.
 *
 * The text drawn on a PDF's pages, good enough for pdfkit output: inflates
 * each FlateDecode stream and decodes the hex strings of TJ/Tj operators
 * (pieces of one TJ array are joined, so kerning does not split words).
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  const streams: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf("endstream", start);
    if (end < 0) break;
    const bytes = pdf.subarray(start, end);
    const dict = raw.slice(Math.max(0, m.index - 300), m.index);
    try {
      streams.push(/FlateDecode/.test(dict.slice(dict.lastIndexOf("<<"))) ? zlib.inflateSync(bytes).toString("latin1") : bytes.toString("latin1"));
    } catch {
      streams.push(bytes.toString("latin1"));
    }
    re.lastIndex = end + "endstream".length;
  }
  const hex = (h: string) => Buffer.from(h.replace(/\s/g, ""), "hex").toString("latin1");
  const lines: string[] = [];
  for (const s of streams) {
    for (const tj of s.matchAll(/\[([^\]]*)\]\s*TJ/g)) lines.push([...tj[1]!.matchAll(/<([0-9a-fA-F\s]*)>/g)].map((x) => hex(x[1]!)).join(""));
    for (const t of s.matchAll(/<([0-9a-fA-F\s]*)>\s*Tj/g)) lines.push(hex(t[1]!));
  }
  return lines.join("\n");
}
