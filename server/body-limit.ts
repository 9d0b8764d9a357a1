import type { NextFunction, Request, Response } from "express";
import { Transform } from "node:stream";
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

/**
 * Refuses, before anything reads it, a body whose Content-Length exceeds the
 * limit of its path (request-limits.ts), and records the limit so that a
 * chunked body, which announces no length, is cut off by limitedBody() at the
 * same number.
 */
export function bodyLimit(limitFor: (path: string) => number = bodyLimitFor) {
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
