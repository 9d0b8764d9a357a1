import { AsyncLocalStorage } from "node:async_hooks";

/** What the request log learns while the app handles a request. */
export type RequestContext = { requestId: string; userId: number | null };

// The HTTP server (server/) and the app bundle (build/server) load this module separately;
// one storage on a global symbol lets the app report the signed-in user to the server's log line.
const KEY = Symbol.for("rampart.request-context");

function storage(): AsyncLocalStorage<RequestContext> {
  const holder = globalThis as { [KEY]?: AsyncLocalStorage<RequestContext> };
  return (holder[KEY] ??= new AsyncLocalStorage<RequestContext>());
}

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage().run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage().getStore();
}

/** Called where a session is resolved, so the request's log line names the user. */
export function noteRequestUser(userId: number): void {
  const context = storage().getStore();
  if (context) context.userId = userId;
}
