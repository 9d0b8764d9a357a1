import type { AppLoadContext } from "@remix-run/node";
import type { AuditContext } from "~/audit/log.server";

/** Client address and request id as the HTTP server saw them (unit tests pass no context). */
export function requestInfo(context: AppLoadContext | undefined) {
  return { ip: context?.clientIp ?? null, requestId: context?.requestId ?? null };
}

export function auditContext(actorId: number | null, context: AppLoadContext | undefined): AuditContext {
  return { actorId, ...requestInfo(context) };
}
