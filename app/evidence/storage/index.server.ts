import path from "node:path";
import { LocalDiskStorage } from "./local-disk.server";
import type { EvidenceStorage } from "./storage";

export const DEFAULT_EVIDENCE_MAX_MB = 50;

/** `EVIDENCE_DIR`, or `evidence/` beside the database file (so one data folder holds both). */
export function evidenceDir(env: Record<string, string | undefined> = process.env): string {
  if (env.EVIDENCE_DIR) return path.resolve(env.EVIDENCE_DIR);
  return path.join(path.dirname(path.resolve(env.DATABASE_PATH || "data/rampart.db")), "evidence");
}

/** `EVIDENCE_MAX_MB` (default 50) in bytes; a value that is not a whole number from 1 to 2048 stops with a message. */
export function evidenceMaxBytes(env: Record<string, string | undefined> = process.env): number {
  const raw = env.EVIDENCE_MAX_MB?.trim();
  if (!raw) return DEFAULT_EVIDENCE_MAX_MB * 1024 * 1024;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 2048)
    throw new Error(`EVIDENCE_MAX_MB must be a whole number of megabytes from 1 to 2048, not "${raw}".`);
  return Number(raw) * 1024 * 1024;
}

/** The storage evidence is kept in, read from the environment at each call so tests and the CLI can point it elsewhere. */
export function evidenceStorage(env: Record<string, string | undefined> = process.env): EvidenceStorage & Pick<LocalDiskStorage, "dir" | "putBytesSync"> {
  return new LocalDiskStorage(evidenceDir(env));
}
