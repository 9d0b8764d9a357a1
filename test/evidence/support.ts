import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { boardReports, obligations } from "#db/schema";
import { eq } from "drizzle-orm";
import { db } from "~/db.server";

// Evidence files of this test file live in their own folder, removed afterwards.
export const evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), "rampart-evidence-"));
process.env.EVIDENCE_DIR = evidenceDir;
afterAll(() => fs.rmSync(evidenceDir, { recursive: true, force: true }));

/** Every file under the evidence folder (stored and temporary), relative to it. */
export function filesOnDisk(): string[] {
  if (!fs.existsSync(evidenceDir)) return [];
  return fs
    .readdirSync(evidenceDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(evidenceDir, path.join(e.parentPath, e.name)))
    .sort();
}

let seq = 0;

export function makeMeasure(overrides: Partial<typeof obligations.$inferInsert> = {}) {
  const n = ++seq;
  return db
    .insert(obligations)
    .values({ code: `OB-E${n}`, source: "consent_decree", kind: "measure", title: `Measure ${n}`, ...overrides })
    .returning()
    .get();
}

/** A board report in a state (a made-up quarter per call); evidence is added while it is a draft, then it may be published. */
export function makeBoardReport(state: "draft" | "in_review") {
  return db
    .insert(boardReports)
    .values({ quarter: `FY${2100 + ++seq}-Q1`, asOfDate: "2025-03-31", state })
    .returning()
    .get();
}

export function publishBoardReport(id: number) {
  db.update(boardReports)
    .set({ state: "published", snapshot: "{}", contentHash: "0".repeat(64), publishedAt: new Date().toISOString() })
    .where(eq(boardReports.id, id))
    .run();
}

const ORIGIN = "http://localhost:3000";

/** A real multipart POST, as a browser sends the upload form. */
export function uploadRequest(
  query: string,
  file: { bytes: Uint8Array | string; name: string } | null,
  fields: Partial<Record<"title" | "description" | "evidenceDate" | "expiresOn", string>>,
  cookie: string,
): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries({ title: "Evidence", evidenceDate: "2026-10-01", ...fields })) form.append(k, v);
  if (file) form.append("file", new Blob([Uint8Array.from(typeof file.bytes === "string" ? new TextEncoder().encode(file.bytes) : file.bytes)]), file.name);
  return new Request(`${ORIGIN}/evidence/new?${query}`, { method: "POST", body: form, headers: { origin: ORIGIN, cookie } });
}

/** A small but real PDF (one empty page): the bytes a scanner or a report writer would produce. */
export function tinyPdf(label = "evidence"): Uint8Array {
  return new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ${label}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}
