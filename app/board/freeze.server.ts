import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import type { boardReports } from "#db/schema";
import { canonicalJson } from "~/audit/canonical-json";
import { liveAsOf } from "./as-of.server";
import { snapshotDifferences } from "./snapshot-diff";
import { buildQuarterSnapshot, hashSnapshot, type SnapshotDb } from "./snapshot.server";

/**
 * What the executive approves is what the board gets. Approval freezes the
 * figures (as of the quarter's as-of day) beside the narrative, approver and
 * approval time, sealed by `approval_hash`; publication re-checks the figures
 * against the data, adds the publisher and dates, and seals everything in
 * `content_hash`. The seed uses these same functions with in-story instants.
 */
type Row = typeof boardReports.$inferSelect;
type Values = Partial<typeof boardReports.$inferInsert>;

function sha256Hex(value: unknown): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(canonicalJson(value))));
}

// Ids rather than names: a renamed account must not break the seal of a report it approved.
function approvedContent(
  r: Pick<Row, "quarter" | "asOfDate" | "snapshot" | "summary" | "highlights" | "concerns" | "decisions" | "approvedById" | "approvedAt">,
) {
  return {
    quarter: r.quarter,
    asOfDate: r.asOfDate,
    figures: r.snapshot === null ? null : (JSON.parse(r.snapshot) as unknown),
    narrative: { summary: r.summary, highlights: r.highlights, concerns: r.concerns, decisions: r.decisions },
    approvedById: r.approvedById,
    approvedAt: r.approvedAt,
  };
}

/** SHA-256 of what was approved: figures, narrative, approver, approval time, quarter and as-of day. */
export function approvalHashOf(r: Parameters<typeof approvedContent>[0]): string {
  return sha256Hex(approvedContent(r));
}

type Sealed = Parameters<typeof approvedContent>[0] & Pick<Row, "publishedById" | "publishedAt" | "earlyPublicationReason">;

/** SHA-256 of the published report: the approved content plus publisher, publication time and any early-publication reason. */
export function contentHashOf(r: Sealed): string {
  return sha256Hex({
    ...approvedContent(r),
    publishedById: r.publishedById,
    publishedAt: r.publishedAt,
    earlyPublicationReason: r.earlyPublicationReason,
  });
}

/** Whether a published report's stored content still matches its hash (reports sealed before approval froze them hash their figures only). */
export function verifyContentHash(r: Sealed & Pick<Row, "contentHash" | "contentHashScope">): boolean {
  if (r.snapshot === null || r.contentHash === null) return false;
  if (r.contentHashScope === "figures") return hashSnapshot(JSON.parse(r.snapshot)) === r.contentHash;
  return contentHashOf(r) === r.contentHash;
}

/** The columns approval writes: the figures as of the quarter's as-of day on `today`, frozen with their seal. */
export function approvalValues(
  db: SnapshotDb,
  report: Pick<Row, "quarter" | "summary" | "highlights" | "concerns" | "decisions">,
  approver: { id: number; at: string },
  today: string,
) {
  const asOfDate = liveAsOf(db, report.quarter, today);
  const snapshot = canonicalJson(buildQuarterSnapshot(db, report.quarter, asOfDate));
  const frozen = { ...report, asOfDate, snapshot, approvedById: approver.id, approvedAt: approver.at };
  return {
    state: "approved" as const,
    asOfDate,
    snapshot,
    approvedById: approver.id,
    approvedAt: approver.at,
    approvalHash: approvalHashOf(frozen),
  } satisfies Values;
}

/** The columns that undo an approval (sent back, or its figures no longer hold). */
export const APPROVAL_CLEARED: Values = { snapshot: null, approvalHash: null, approvedById: null, approvedAt: null };

/**
 * The differences between the approved figures and the figures the data
 * gives now for the as-of day publication would use (the quarter's end once it
 * has ended). Empty means the approved snapshot is still true and may be
 * published as is. A tampered approval (stored content no longer matching its
 * seal) is reported as a difference too, so it can never be published.
 */
export function approvalDrift(db: SnapshotDb, report: Parameters<typeof approvalHashOf>[0] & Pick<Row, "approvalHash">, today: string) {
  const asOfDate = liveAsOf(db, report.quarter, today);
  const now = buildQuarterSnapshot(db, report.quarter, asOfDate);
  const approved = report.snapshot === null ? null : (JSON.parse(report.snapshot) as unknown);
  const differences = snapshotDifferences(approved, now);
  const sealed = report.approvalHash !== null && report.approvalHash === approvalHashOf(report);
  if (!sealed) differences.unshift({ figure: "approval seal", before: report.approvalHash, after: "does not match the stored content" });
  return differences;
}

/** The columns publication writes: nothing of the approved content changes, only who published, when, why early, and the seal. */
export function publicationValues(report: Parameters<typeof approvalHashOf>[0], publisher: { id: number; at: string }, earlyPublicationReason: string | null) {
  const sealed = { ...report, publishedById: publisher.id, publishedAt: publisher.at, earlyPublicationReason };
  return {
    state: "published" as const,
    publishedById: publisher.id,
    publishedAt: publisher.at,
    earlyPublicationReason,
    contentHash: contentHashOf(sealed),
    contentHashScope: "report" as const,
  } satisfies Values;
}
