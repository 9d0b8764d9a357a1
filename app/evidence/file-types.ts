/**
 * The allow-list of evidence types, recognised by content (magic bytes and,
 * for text, what the bytes are), never by the file name or the type the
 * browser claims: a renamed executable or an HTML page is refused whatever it
 * is called. The detected type is what downloads are labelled with.
 */
export const EVIDENCE_TYPES = {
  pdf: { label: "PDF", mime: "application/pdf" },
  docx: { label: "Word document", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  xlsx: { label: "Excel workbook", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  pptx: { label: "PowerPoint presentation", mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
  ole: { label: "Office document (legacy)", mime: "application/x-ole-storage" },
  zip: { label: "ZIP archive", mime: "application/zip" },
  png: { label: "PNG image", mime: "image/png" },
  jpeg: { label: "JPEG image", mime: "image/jpeg" },
  gif: { label: "GIF image", mime: "image/gif" },
  webp: { label: "WebP image", mime: "image/webp" },
  tiff: { label: "TIFF image", mime: "image/tiff" },
  csv: { label: "CSV", mime: "text/csv" },
  text: { label: "Text", mime: "text/plain" },
} as const;
export type EvidenceType = keyof typeof EVIDENCE_TYPES;
export const EVIDENCE_TYPE_KEYS = Object.keys(EVIDENCE_TYPES) as EvidenceType[];

export type Detection = { ok: true; type: EvidenceType } | { ok: false; reason: string };

const ALLOWED = "PDF, Office documents, images (PNG, JPEG, GIF, WebP, TIFF), CSV, text or ZIP";

function startsWith(head: Uint8Array, bytes: number[], at = 0): boolean {
  return bytes.every((b, i) => head[at + i] === b);
}

function ascii(head: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...head.subarray(from, Math.min(to, head.length)));
}

/** Content that must never be served from our origin or run, whatever it is called. */
function refusedBinary(head: Uint8Array): string | null {
  if (startsWith(head, [0x4d, 0x5a])) return "a Windows executable";
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return "a Linux executable";
  if (startsWith(head, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(head, [0xfe, 0xed, 0xfa, 0xcf]) || startsWith(head, [0xca, 0xfe, 0xba, 0xbe]))
    return "a macOS executable";
  if (startsWith(head, [0x23, 0x21])) return "a script";
  return null;
}

/** The part names an OOXML package holds near its start tell Word, Excel and PowerPoint apart. */
function zipKind(head: Uint8Array): EvidenceType {
  const names = ascii(head, 0, head.length);
  if (!names.includes("[Content_Types].xml")) return "zip";
  if (names.includes("word/")) return "docx";
  if (names.includes("xl/")) return "xlsx";
  if (names.includes("ppt/")) return "pptx";
  return "zip";
}

const MARKUP = /<\s*(!doctype\s+html|html|head|body|script|iframe|svg|object|embed|meta|link|style|form|img|a\s)|<\?xml/i;

// Control bytes other than tab, line feed, form feed and carriage return mark a binary file, not text.
const isControlByte = (b: number) => (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f;

function textKind(head: Uint8Array, fileName: string, truncated: boolean): Detection {
  if (head.includes(0)) return { ok: false, reason: `This file's content is not one of the accepted types (${ALLOWED}).` };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(truncated ? trimPartialUtf8(head) : head);
  } catch {
    return { ok: false, reason: `This file's content is not one of the accepted types (${ALLOWED}); text must be UTF-8.` };
  }
  if (head.some(isControlByte)) return { ok: false, reason: `This file's content is not one of the accepted types (${ALLOWED}).` };
  if (MARKUP.test(text)) return { ok: false, reason: "HTML, SVG and XML files are refused: a browser would run what they contain." };
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const commas = lines.slice(0, 5).map((l) => l.split(",").length);
  const looksCsv = /\.csv$/i.test(fileName) || (lines.length > 1 && commas[0]! > 1 && commas.every((n) => n === commas[0]));
  return { ok: true, type: looksCsv ? "csv" : "text" };
}

/** A head cut at HEAD_BYTES may end inside a multi-byte character; drop the incomplete tail before decoding. */
function trimPartialUtf8(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  let back = 0;
  while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1]! & 0xc0) === 0x80) back++;
  const lead = bytes[end - back - 1];
  if (lead !== undefined && lead >= 0xc0) end = end - back - 1;
  return bytes.subarray(0, end);
}

/**
 * What the first bytes of a file say it is, or why it is refused. `fileName` only tells CSV from other text;
 * `truncated` says the head is not the whole file (so it may end inside a character).
 */
export function detectEvidenceType(head: Uint8Array, fileName: string, truncated = false): Detection {
  const refused = refusedBinary(head);
  if (refused) return { ok: false, reason: `This file is ${refused}, whatever its name says: it is refused.` };
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { ok: true, type: "pdf" };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return { ok: true, type: zipKind(head) };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { ok: true, type: "ole" };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, type: "png" };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { ok: true, type: "jpeg" };
  if (ascii(head, 0, 6) === "GIF87a" || ascii(head, 0, 6) === "GIF89a") return { ok: true, type: "gif" };
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return { ok: true, type: "webp" };
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return { ok: true, type: "tiff" };
  // A UTF-8 byte-order mark is allowed in front of text.
  const body = startsWith(head, [0xef, 0xbb, 0xbf]) ? head.subarray(3) : head;
  return textKind(body, fileName, truncated);
}
