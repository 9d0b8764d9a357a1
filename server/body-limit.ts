import type { NextFunction, Request, Response } from "express";
import { Transform } from "node:stream";
import { evidenceMaxBytes } from "../app/evidence/storage/index.server";
import { bodyLimitFor, formatLimit } from "../app/utils/request-limits";

export function tooLargeMessage(limit: number): string {
  return `The request is too large: this address accepts at most ${formatLimit(limit)}.`;
}

/** The error a limited body fails with; the form reader turns it into a 413. */
export class BodyTooLargeError extends Error {
  readonly status = 413;
  constructor(readonly limit: number) {
    super(tooLargeMessage(limit));
    this.name = "BodyTooLargeError";
  }
}

/** Evidence uploads stream their file to storage (app/evidence/upload.server.ts), which enforces EVIDENCE_MAX_MB itself. */
export const EVIDENCE_UPLOAD_PATH = "/evidence/new";
// Room for the multipart framing and the text fields (title, a 4,000-character description) around the file.
const EVIDENCE_FORM_OVERHEAD = 1024 * 1024;

/**
 * The body limit of a path: request-limits.ts, except the evidence upload,
 * whose limit follows EVIDENCE_MAX_MB (configurable, so it cannot live in that
 * fixed table); see docs/decisions/008-request-limits.md.
 */
export function routeBodyLimit(pathname: string): number {
  const path = pathname.replace(/\.data$/, "").replace(/(.)\/+$/, "$1");
  return path === EVIDENCE_UPLOAD_PATH ? evidenceMaxBytes() + EVIDENCE_FORM_OVERHEAD : bodyLimitFor(pathname);
}

/**
 * Refuses, before anything reads it, a body whose Content-Length exceeds the
 * limit of its path (request-limits.ts), and records the limit so that a
 * chunked body, which announces no length, is cut off by limitedBody() at the
 * same number.
 */
export function bodyLimit(limitFor: (path: string) => number = routeBodyLimit) {
  return (req: Request, res: Response, next: NextFunction) => {
    const limit = limitFor(req.path);
    res.locals.bodyLimit = limit;
    const declared = Number(req.get("content-length") ?? "0");
    if (!(declared > limit)) return next();
    discardRest(req, res);
    res.status(413).type("text/plain").send(tooLargeMessage(limit));
  };
}

// A client that is still uploading reads no answer until its upload is done. Up to this much is read
// and thrown away (never kept) so a browser shows the 413 message; beyond it the connection is cut.
const LINGER_BYTES = 4 * 1024 * 1024;

function discardRest(req: Request, res: Response) {
  let discarded = 0;
  const declared = Number(req.get("content-length") ?? "0");
  if (declared > LINGER_BYTES) res.setHeader("Connection", "close");
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.byteLength;
    if (discarded > LINGER_BYTES) req.socket.destroy();
  });
  req.resume();
}

/** The request body as a stream that fails with BodyTooLargeError once more than `limit` bytes have arrived. */
export function limitedBody(req: Request, res: Response, limit: number): Transform {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.byteLength;
      if (seen <= limit) return callback(null, chunk);
      req.unpipe(counter);
      discardRest(req, res);
      callback(new BodyTooLargeError(limit));
    },
  });
  req.on("error", (error) => counter.destroy(error));
  return req.pipe(counter);
}
