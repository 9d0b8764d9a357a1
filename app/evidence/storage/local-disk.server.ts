import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { EvidenceEmptyError, type EvidenceStorage, EvidenceTooLargeError, type PutOptions, SHA256_HEX, type StoredFile } from "./storage";

/** Bytes of the start of a file kept for the content check (magic bytes, an OOXML part name, text sniffing). */
export const HEAD_BYTES = 64 * 1024;

/**
 * Evidence on local disk: `<dir>/<first two hex digits>/<sha256>`, files
 * read-only once written. An upload is written to `<dir>/.incoming/` while it
 * is hashed and counted, and renamed into place only after the size limit,
 * the hash and the caller's content check have passed, so a refused or broken
 * upload leaves nothing. The rename is atomic on one file system, which is why
 * the temporary folder lives inside `dir`.
 */
export class LocalDiskStorage implements EvidenceStorage {
  constructor(readonly dir: string) {}

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(source: Readable | AsyncIterable<Uint8Array>, options: PutOptions): Promise<StoredFile> {
    const incoming = path.join(this.dir, ".incoming");
    fs.mkdirSync(incoming, { recursive: true });
    const temp = path.join(incoming, `${Date.now()}-${randomBytes(8).toString("hex")}`);
    const out = fs.createWriteStream(temp, { flags: "wx", mode: 0o600 });
    const hash = createHash("sha256");
    const head: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    try {
      for await (const chunk of source) {
        const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        size += bytes.byteLength;
        if (size > options.maxBytes) throw new EvidenceTooLargeError(options.maxBytes);
        hash.update(bytes);
        if (headLength < HEAD_BYTES) {
          head.push(bytes.subarray(0, HEAD_BYTES - headLength));
          headLength += Math.min(bytes.byteLength, HEAD_BYTES - headLength);
        }
        if (!out.write(bytes)) await new Promise<void>((resolve, reject) => out.once("drain", resolve).once("error", reject));
      }
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      if (size === 0) throw new EvidenceEmptyError();
      const sha256 = hash.digest("hex");
      options.accept?.({ sha256, size, head: Buffer.concat(head) });
      const final = this.pathOf(sha256);
      fs.mkdirSync(path.dirname(final), { recursive: true });
      if (fs.existsSync(final)) {
        // The same bytes are already stored: keep the one copy.
        fs.rmSync(temp, { force: true });
      } else {
        fs.chmodSync(temp, 0o400);
        fs.renameSync(temp, final);
      }
      return { sha256, size };
    } catch (error) {
      // The stream opens its file asynchronously: wait until it is closed, or the removal could come before the file exists.
      if (!out.closed) await new Promise<void>((resolve) => out.once("close", () => resolve()).destroy());
      fs.rmSync(temp, { force: true });
      throw error;
    }
  }

  /**
   * Stores bytes already in memory, synchronously (the demo seed's small generated files, written inside its
   * transaction). The same temporary-file-then-rename rule applies.
   */
  putBytesSync(bytes: Uint8Array): StoredFile {
    if (bytes.byteLength === 0) throw new EvidenceEmptyError();
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const final = this.pathOf(sha256);
    if (!fs.existsSync(final)) {
      const incoming = path.join(this.dir, ".incoming");
      fs.mkdirSync(incoming, { recursive: true });
      fs.mkdirSync(path.dirname(final), { recursive: true });
      const temp = path.join(incoming, `${Date.now()}-${randomBytes(8).toString("hex")}`);
      fs.writeFileSync(temp, bytes, { flag: "wx", mode: 0o400 });
      fs.renameSync(temp, final);
    }
    return { sha256, size: bytes.byteLength };
  }

  get(sha256: string): Readable | null {
    const file = this.pathOf(sha256);
    return fs.existsSync(file) ? fs.createReadStream(file) : null;
  }

  async exists(sha256: string): Promise<boolean> {
    return fs.existsSync(this.pathOf(sha256));
  }

  async *list(): AsyncIterable<StoredFile> {
    if (!fs.existsSync(this.dir)) return;
    for (const prefix of fs.readdirSync(this.dir).sort()) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
      for (const name of fs.readdirSync(path.join(this.dir, prefix)).sort()) {
        if (SHA256_HEX.test(name)) yield { sha256: name, size: fs.statSync(path.join(this.dir, prefix, name)).size };
      }
    }
  }

  async remove(sha256: string): Promise<void> {
    fs.rmSync(this.pathOf(sha256), { force: true });
  }
}
