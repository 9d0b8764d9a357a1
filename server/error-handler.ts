import type { NextFunction, Request, Response } from "express";
import { logServerError } from "../app/utils/log.server";

/**
 * The last Express handler. Errors that carry a 4xx status (a body cut off
 * at its limit, a malformed request) answer that status with a short
 * message and no stack; anything else is a real 500, logged with its stack
 * and answered without one.
 */
export function errorHandler(error: unknown, _req: Request, res: Response, next: NextFunction) {
  if (res.headersSent) {
    logServerError(error);
    return next(error);
  }
  const status = Number((error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode);
  if (status >= 400 && status < 500) {
    res
      .status(status)
      .type("text/plain")
      .send(status === 413 ? (error as Error).message : "Bad request.");
    return;
  }
  logServerError(error);
  res.status(500).type("text/plain").send("Internal server error.");
}
