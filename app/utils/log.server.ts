import { currentRequestContext } from "./request-context.server";

type Fields = Record<string, string | number | boolean | null | undefined>;

/** One JSON line on standard output: what a log collector can parse without guessing. */
export function logLine(level: "info" | "warn" | "error", msg: string, fields: Fields = {}): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  if (level === "error") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

/** A server error with its stack, tied to the request it broke (a 5xx, never a 4xx). */
export function logServerError(error: unknown, fields: Fields = {}): void {
  const context = currentRequestContext();
  const err = error instanceof Error ? error : new Error(String(error));
  logLine("error", err.message, { requestId: context?.requestId, userId: context?.userId, ...fields, stack: err.stack });
}
