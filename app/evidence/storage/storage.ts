import type { Readable } from "node:stream";

/** What a stored file is known by: its content's SHA-256 (lower-case hex) and its length in bytes. */
export type StoredFile = { sha256: string; size: number };

/** The first bytes of an upload, handed to `accept` so the type can be checked by content before anything is kept. */
export type PutCheck = (file: StoredFile & { head: Uint8Array }) => void;

export type PutOptions = {
  /** More bytes than this fails the put with EvidenceTooLargeError while streaming. */
  maxBytes: number;
  /** Called once the whole stream is hashed and counted, before the file is kept; throwing keeps nothing. */
  accept?: PutCheck;
};

/**
 * Where evidence files live, addressed by their SHA-256 so the same bytes are
 * stored once and a key can never name different content. Local disk today
 * (local-disk.server.ts); an object store can implement the same five calls
 * for several instances behind a load balancer.
 */
export interface EvidenceStorage {
  /** Streams `source` into storage. Nothing is left behind when it throws. */
  put(source: Readable | AsyncIterable<Uint8Array>, options: PutOptions): Promise<StoredFile>;
  /** The stored bytes, or null when no file has this hash. */
  get(sha256: string): Readable | null;
  exists(sha256: string): Promise<boolean>;
  /** Every stored file's hash and size (from the storage, not the database). */
  list(): AsyncIterable<StoredFile>;
  /** Removes a file no row refers to any more (a failed database write after a put). */
  remove(sha256: string): Promise<void>;
}

export class EvidenceTooLargeError extends Error {
  readonly status = 413;
  constructor(readonly maxBytes: number) {
    super(`The file is too large: evidence files may be at most ${Math.round(maxBytes / 1024 / 1024)} MB.`);
    this.name = "EvidenceTooLargeError";
  }
}

export class EvidenceEmptyError extends Error {
  readonly status = 400;
  constructor() {
    super("The file is empty.");
    this.name = "EvidenceEmptyError";
  }
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
