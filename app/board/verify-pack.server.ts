import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { verifyContentHash } from "./freeze.server";
import { boardPack } from "./pack.server";
import { pdfText } from "./pack/pdf-text";
import { PACK_KEYWORD } from "./pdf.server";
import { findReport } from "./reports.server";
import type { SnapshotDb } from "./snapshot.server";

/**
 * Checks a board-pack PDF against the published report it names
 * (docs/decisions/013-board-pack-verification.md): the PDF's metadata names
 * the quarter and fingerprint; the published report is looked up, its stored
 * content checked against its fingerprint, its pack regenerated (rendering is
 * deterministic) and compared byte for byte. Any difference rejects the file;
 * the differing lines of text are named so a person can see what changed.
 */
export type PackVerdict =
  | { ok: true; quarter: string; contentHash: string; publishedOn: string | null; message: string }
  | { ok: false; quarter: string | null; message: string; differences: Array<{ published: string; file: string }> };

const IDENTITY = new RegExp(`\\(${PACK_KEYWORD} quarter=(FY\\d{4}-Q[1-4]) sha256=([0-9a-f]{64}|draft)\\)`);

function identify(pdf: Buffer): { quarter: string; hash: string } | null {
  const raw = pdf.toString("latin1");
  const meta = IDENTITY.exec(raw);
  if (meta) return { quarter: meta[1]!, hash: meta[2]! };
  // A copy whose metadata was stripped may still carry the printed quarter and fingerprint.
  const text = pdfText(pdf);
  const quarter = /Board report (FY\d{4}-Q[1-4])/.exec(text)?.[1];
  const hash = /SHA-256 ([0-9a-f]{64})/.exec(text)?.[1];
  return quarter && hash ? { quarter, hash } : null;
}

/** Lines of text found in one and not the other, in page order (at most `limit`): what a person looks at first. */
function textDifferences(published: Buffer, file: Buffer, limit = 5) {
  const a = pdfText(published).split("\n");
  const b = pdfText(file).split("\n");
  const remaining = (lines: string[]) => {
    const counts = new Map<string, number>();
    for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
    return counts;
  };
  const inA = remaining(a);
  const inB = remaining(b);
  const only = (lines: string[], own: Map<string, number>, other: Map<string, number>) =>
    lines.filter((l) => {
      const n = own.get(l)!;
      own.set(l, n - 1);
      return n > (other.get(l) ?? 0);
    });
  const gone = only(a, new Map(inA), inB);
  const added = only(b, new Map(inB), inA);
  return Array.from({ length: Math.min(limit, Math.max(gone.length, added.length)) }, (_, i) => ({
    published: gone[i] ?? "(nothing)",
    file: added[i] ?? "(nothing)",
  }));
}

const hex = (b: Uint8Array) => encodeHexLowerCase(sha256(b));

export async function verifyBoardPack(db: SnapshotDb, pdf: Buffer, today: string): Promise<PackVerdict> {
  const refuse = (message: string, quarter: string | null = null, differences: Array<{ published: string; file: string }> = []): PackVerdict => ({
    ok: false,
    quarter,
    message,
    differences,
  });
  if (pdf.subarray(0, 5).toString("latin1") !== "%PDF-") return refuse("This file is not a PDF.");
  const id = identify(pdf);
  if (!id) return refuse("This PDF is not a Rampart board pack: it does not say which report it is.");
  if (id.hash === "draft") return refuse(`This is a DRAFT of the ${id.quarter} board report, not a published one.`, id.quarter);
  // A board member's view: published reports only.
  const report = findReport(db, id.quarter, "board");
  if (!report) return refuse(`No board report for ${id.quarter} has been published in this Rampart.`, id.quarter);
  if (report.contentHash !== id.hash)
    return refuse(`This PDF claims a fingerprint that is not the one of the published ${id.quarter} report: it is not that report.`, id.quarter);
  if (!verifyContentHash(report))
    return refuse(`The stored ${id.quarter} report no longer matches its own fingerprint: tell the CISO office; do not rely on either copy.`, id.quarter);
  const expected = await boardPack(db, report, today);
  if (hex(expected) === hex(pdf))
    return {
      ok: true,
      quarter: id.quarter,
      contentHash: id.hash,
      publishedOn: report.publishedOn,
      message: `This PDF is exactly the ${id.quarter} board report published on ${report.publishedOn}.`,
    };
  const differences = textDifferences(expected, pdf);
  return refuse(
    differences.length
      ? `Altered: this PDF differs from the ${id.quarter} board report published on ${report.publishedOn}.`
      : `Altered: the words and figures match the ${id.quarter} report published on ${report.publishedOn}, but the file is not the one Rampart publishes (re-saved, annotated or redrawn). Download a fresh copy from Rampart.`,
    id.quarter,
    differences,
  );
}
