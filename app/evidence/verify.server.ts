import { createHash } from "node:crypto";
import { asc } from "drizzle-orm";
import type { Db } from "#db/connection";
import { evidence } from "#db/schema";
import type { EvidenceStorage } from "./storage/storage";

export type VerifyProblem = { sha256: string; problem: "missing" | "changed"; evidenceIds: number[]; detail: string };
export type VerifyReport = { files: number; rows: number; problems: VerifyProblem[] };

async function hashOf(stream: NodeJS.ReadableStream): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    size += bytes.byteLength;
    hash.update(bytes);
  }
  return { sha256: hash.digest("hex"), size };
}

/**
 * Re-hashes every stored file that an evidence row names and compares it with
 * the row: a file gone from storage is *missing*, one whose bytes no longer hash
 * to its name (or whose size differs) is *changed*. Files are read one at a time.
 */
export async function verifyEvidence(db: Pick<Db, "select">, storage: EvidenceStorage): Promise<VerifyReport> {
  const rows = db.select({ id: evidence.id, sha256: evidence.sha256, sizeBytes: evidence.sizeBytes }).from(evidence).orderBy(asc(evidence.id)).all();
  const byHash = new Map<string, { size: number; ids: number[] }>();
  for (const r of rows) {
    const entry = byHash.get(r.sha256) ?? { size: r.sizeBytes, ids: [] };
    entry.ids.push(r.id);
    byHash.set(r.sha256, entry);
  }
  const problems: VerifyProblem[] = [];
  for (const [sha256, { size, ids }] of byHash) {
    const stream = storage.get(sha256);
    if (!stream) {
      problems.push({ sha256, problem: "missing", evidenceIds: ids, detail: "the file is not in storage" });
      continue;
    }
    const actual = await hashOf(stream);
    if (actual.sha256 !== sha256 || actual.size !== size) {
      problems.push({ sha256, problem: "changed", evidenceIds: ids, detail: `now ${actual.size} bytes hashing to ${actual.sha256}` });
    }
  }
  return { files: byHash.size, rows: rows.length, problems };
}
