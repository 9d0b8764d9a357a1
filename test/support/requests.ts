import type { AppLoadContext } from "@remix-run/node";

const ORIGIN = "http://localhost:3000";

export const testContext: AppLoadContext = { cspNonce: "test-nonce", requestId: "test-request", clientIp: "127.0.0.1" };

/** A real GET Request for a loader, optionally signed in. */
export function getRequest(path: string, cookie?: string): Request {
  return new Request(`${ORIGIN}${path}`, { headers: cookie ? { cookie } : {} });
}

/** A real form POST for an action, from this site's origin. */
export function postRequest(path: string, fields: Record<string, string | string[]>, cookie?: string): Request {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, ...(cookie ? { cookie } : {}) },
  });
}

/** Runs a loader or action, returning a thrown Response as if it were returned. */
export async function settle<T>(fn: () => Promise<T> | T): Promise<T | Response> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

export function args(request: Request, params: Record<string, string> = {}) {
  return { request, params, context: testContext };
}
