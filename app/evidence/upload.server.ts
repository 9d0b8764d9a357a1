import busboy from "busboy";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { formatLimit } from "~/utils/request-limits";
import { detectEvidenceType, type EvidenceType } from "./file-types";
import { EvidenceEmptyError, type EvidenceStorage, EvidenceTooLargeError, type StoredFile } from "./storage/storage";

export type UploadedFile = StoredFile & { fileName: string; fileType: EvidenceType };
/** The text fields, and the stored file or why it was refused (its type, or empty): shown beside the file field. */
export type ReadUpload = { fields: Record<string, string>; file: UploadedFile | null; refused: string | null };

/** A refused upload: thrown as a short plain-text Response (413, 415 or 400) that never repeats the input. */
function refuse(status: 400 | 413 | 415, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/** A file whose content is not on the allow-list. */
export class EvidenceFileRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EvidenceFileRefused";
  }
}

// Text fields of the upload form are short; a file is the only large part.
const LIMITS = { files: 1, fields: 12, parts: 14, fieldSize: 10_000, fieldNameSize: 100, headerPairs: 50 };

/** A file name as stored and offered back on download: no folders, no control characters, at most 200 characters. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = Array.from(base)
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && ch !== '"')
    .join("")
    .trim();
  return (clean || "evidence").slice(-200);
}

/**
 * Reads an evidence upload (multipart/form-data) as it streams: the one file
 * (field `file`) goes straight into storage, hashed and counted on the way
 * with `maxBytes` enforced, its type checked by content before it is kept;
 * the text fields are returned for the caller's schema. Nothing is buffered
 * whole in memory. Too large is a 413 and leaves nothing stored.
 */
export async function readEvidenceUpload(request: Request, storage: EvidenceStorage, maxBytes: number): Promise<ReadUpload> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;\s*boundary=/i.test(contentType)) throw refuse(415, "Send evidence as a file upload (multipart/form-data).");
  if (!request.body) throw refuse(400, "The upload is empty.");
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { "content-type": contentType }, limits: LIMITS, defParamCharset: "utf8" });
  } catch {
    throw refuse(400, "The upload is not a valid multipart body.");
  }
  const source = Readable.fromWeb(request.body as unknown as NodeWebStream<Uint8Array>);

  return new Promise<ReadUpload>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let stored: Promise<UploadedFile> | null = null;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      source.unpipe(parser);
      source.destroy();
      // A file already kept must not outlive a refused upload.
      if (stored) stored.then((f) => storage.remove(f.sha256)).catch(() => undefined);
      reject(toResponse(error, maxBytes));
    };

    parser.on("field", (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) return fail(refuse(400, "A field of the upload is too long."));
      fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      // An empty file input still sends a part, with no file name.
      if (name !== "file" || stored || !info.filename) {
        stream.resume();
        return;
      }
      const fileName = cleanFileName(info.filename);
      let fileType: EvidenceType | null = null;
      stored = storage
        .put(stream, {
          maxBytes,
          accept: ({ head, size }) => {
            const detected = detectEvidenceType(head, fileName, size > head.length);
            if (!detected.ok) throw new EvidenceFileRefused(detected.reason);
            fileType = detected.type;
          },
        })
        .then((file) => ({ ...file, fileName, fileType: fileType! }));
      stored.catch((error: unknown) => {
        stream.resume();
        if (error instanceof EvidenceTooLargeError) fail(error);
      });
    });
    parser.on("filesLimit", () => fail(refuse(400, "Upload one file at a time.")));
    parser.on("fieldsLimit", () => fail(refuse(400, "The upload has too many fields.")));
    parser.on("partsLimit", () => fail(refuse(400, "The upload has too many parts.")));
    parser.on("error", fail);
    source.on("error", fail);
    parser.on("close", () => {
      if (settled) return;
      const done = stored ?? Promise.resolve(null);
      done.then(
        (file) => {
          settled = true;
          resolve({ fields, file, refused: null });
        },
        (error: unknown) => {
          settled = true;
          if (error instanceof EvidenceFileRefused || error instanceof EvidenceEmptyError) resolve({ fields, file: null, refused: error.message });
          else reject(toResponse(error, maxBytes));
        },
      );
    });
    source.pipe(parser);
  });
}

function toResponse(error: unknown, maxBytes: number): unknown {
  if (error instanceof Response) return error;
  if (error instanceof EvidenceTooLargeError) return refuse(413, `The file is too large: evidence files may be at most ${formatLimit(maxBytes)}.`);
  // The HTTP layer stops a body past the route's limit by failing the stream with a 413 (server/body-limit.ts).
  if ((error as { status?: unknown } | null)?.status === 413)
    return refuse(413, `The upload is too large: evidence files may be at most ${formatLimit(maxBytes)}.`);
  if (error instanceof Error && /Unexpected end of form|Malformed/i.test(error.message)) return refuse(400, "The upload is not a valid multipart body.");
  return error;
}
