import type { NextFunction, Request, Response } from "express";
import { logLine } from "../app/utils/log.server";
import { type RequestContext, runWithRequestContext } from "../app/utils/request-context.server";

const MAX_PATH_LENGTH = 300;

/**
 * One JSON line per request, written when the response ends: request id,
 * method, path, user id when a session was resolved, status and duration.
 * Only the path is logged, never the query string (it carries /setup and
 * /invite tokens), nor cookies or bodies. Must run after securityHeaders,
 * which assigns the request id.
 */
export function requestLog(write: typeof logLine = logLine) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const context: RequestContext = { requestId: String(res.locals.requestId ?? ""), userId: null };
    let written = false;
    const done = () => {
      if (written) return;
      written = true;
      const status = res.statusCode;
      write(status >= 500 ? "error" : "info", "request", {
        requestId: context.requestId,
        method: req.method,
        path: req.originalUrl.split("?")[0]!.slice(0, MAX_PATH_LENGTH),
        userId: context.userId,
        status,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        ...(res.writableFinished ? {} : { aborted: true }),
      });
    };
    res.once("finish", done);
    res.once("close", done);
    runWithRequestContext(context, next);
  };
}
