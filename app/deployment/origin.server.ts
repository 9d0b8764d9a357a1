import type { Env } from "~/env.server";

/** Whether an interface name or address reaches only this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * The origins a state-changing request may come from. Only configuration
 * decides this, never the request's Host header, which the client writes
 * (penetration test, finding 10). Without APP_ORIGIN the server listens on
 * loopback, where the browser can only be on this machine.
 */
export function trustedOrigins(env: Pick<Env, "APP_ORIGIN" | "PORT">): string[] {
  if (env.APP_ORIGIN) return [env.APP_ORIGIN];
  return [`http://localhost:${env.PORT}`, `http://127.0.0.1:${env.PORT}`, `http://[::1]:${env.PORT}`];
}

/** Where printed and shown links (set-up, invitations, password resets) point. */
export function publicOrigin(env: Pick<Env, "APP_ORIGIN" | "PORT">): string {
  return env.APP_ORIGIN ?? `http://localhost:${env.PORT}`;
}

/** Why the server must not start with this environment, or null. */
export function startupRefusal(env: Pick<Env, "NODE_ENV" | "HOST" | "APP_ORIGIN">): string | null {
  if (env.NODE_ENV !== "production" || env.APP_ORIGIN || isLoopbackHost(env.HOST)) return null;
  return [
    `Rampart will not start: HOST=${env.HOST} accepts connections from other machines, but APP_ORIGIN is not set.`,
    "Set APP_ORIGIN to the address people use, e.g. APP_ORIGIN=https://rampart.example.com: the Origin check",
    "compares form posts with it, and links (set-up, invitations, password resets) start with it.",
    "To try Rampart on this machine only, leave HOST unset (it defaults to 127.0.0.1).",
  ].join("\n");
}
