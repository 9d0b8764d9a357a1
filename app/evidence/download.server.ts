import { createHash } from "node:crypto";
import { Readable, Transform } from "node:stream";
import { logServerError } from "~/utils/log.server";
import { EVIDENCE_TYPES, type EvidenceType } from "./file-types";
import type { EvidenceStorage } from "./storage/storage";

export class EvidenceIntegrityError extends Error {
  constructor(
    readonly sha256: string,
    reason: string,
  ) {
    super(`Evidence file ${sha256} failed its integrity check: ${reason}`);
    this.name = "EvidenceIntegrityError";
  }
}

/**
 * The stored bytes, re-hashed as they stream. The last chunk is held back
 * until the hash and size match the row, so a file changed on disk never
 * reaches the client whole: its download fails instead of completing.
 */
export function verifiedStream(source: Readable, expected: { sha256: string; size: number }): Readable {
  const hash = createHash("sha256");
  let seen = 0;
  let held: Buffer | null = null;
  const check = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.byteLength;
      hash.update(chunk);
      if (seen > expected.size) return callback(new EvidenceIntegrityError(expected.sha256, "the file is longer than recorded"));
      const previous = held;
      held = chunk;
      callback(null, previous ?? undefined);
    },
    flush(callback) {
      const actual = hash.digest("hex");
      if (seen !== expected.size || actual !== expected.sha256) {
        return callback(new EvidenceIntegrityError(expected.sha256, `read ${seen} bytes hashing to ${actual}`));
      }
      callback(null, held ?? undefined);
    },
  });
  source.on("error", (error) => check.destroy(error));
  check.on("error", (error) => logServerError(error));
  return source.pipe(check);
}

/** A name safe in a quoted header value, and the exact name for browsers that read `filename*`. */
function disposition(fileName: string): string {
  const fallback = fileName.replace(/[^\w.\- ]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * The download answer. Whatever the file holds, it is never rendered in the
 * app's origin: always an attachment, no type sniffing, and a sandboxing CSP
 * in case a browser shows it anyway. `Repr-Digest` (RFC 9530) carries the
 * recorded SHA-256 for clients that check it.
 */
export function evidenceDownload(
  storage: EvidenceStorage,
  row: { sha256: string; sizeBytes: number; fileName: string; fileType: EvidenceType },
): Response | null {
  const source = storage.get(row.sha256);
  if (!source) return null;
  const body = Readable.toWeb(verifiedStream(source, { sha256: row.sha256, size: row.sizeBytes })) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "Content-Type": EVIDENCE_TYPES[row.fileType].mime,
      "Content-Length": String(row.sizeBytes),
      "Content-Disposition": disposition(row.fileName),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox; default-src 'none'",
      "Cache-Control": "private, no-store",
      "Repr-Digest": `sha-256=:${Buffer.from(row.sha256, "hex").toString("base64")}:`,
    },
  });
}
