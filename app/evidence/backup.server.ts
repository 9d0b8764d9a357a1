import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { SHA256_HEX } from "./storage/storage";

/** Where a database backup's evidence files go: a folder beside it, `<backup>.evidence/`. */
export function evidenceBackupDir(backupFile: string): string {
  return `${backupFile}.evidence`;
}

function hashFile(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Stored evidence files as `<two hex>/<sha256>` paths under `dir`. */
function storedFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((p) => /^[0-9a-f]{2}$/.test(p))
    .flatMap((p) =>
      fs
        .readdirSync(path.join(dir, p))
        .filter((n) => SHA256_HEX.test(n))
        .map((n) => path.join(p, n)),
    )
    .sort();
}

/**
 * Copies every stored evidence file from `from` to `to`, checking each copy
 * against its name (its SHA-256) so a backup or a restore never carries a
 * changed file silently. Files already present with the right hash are kept.
 * Returns how many files and bytes were copied or found in place.
 */
export function copyEvidenceFiles(from: string, to: string): { files: number; bytes: number } {
  let bytes = 0;
  const files = storedFiles(from);
  for (const rel of files) {
    const source = path.join(from, rel);
    const target = path.join(to, rel);
    const sha256 = path.basename(rel);
    if (hashFile(source) !== sha256) throw new Error(`${source} no longer matches its SHA-256; run evidence:verify before copying.`);
    if (!(fs.existsSync(target) && hashFile(target) === sha256)) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const temp = `${target}.partial`;
      fs.copyFileSync(source, temp);
      if (hashFile(temp) !== sha256) {
        fs.rmSync(temp, { force: true });
        throw new Error(`The copy of ${source} does not match its SHA-256.`);
      }
      fs.chmodSync(temp, 0o400);
      fs.renameSync(temp, target);
    }
    bytes += fs.statSync(target).size;
  }
  return { files: files.length, bytes };
}
