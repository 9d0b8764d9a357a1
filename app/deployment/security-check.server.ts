import type { Env } from "~/env.server";
import { isLoopbackHost } from "./origin.server";

/** `weak` fails `security:check` in production; a `note` is advice that depends on the network around the server. */
export type SecurityFinding = { id: string; level: "weak" | "note"; message: string };

// Narrower than this, a "list of proxies" is really a network of clients.
const MIN_PREFIX = { v4: 16, v6: 48 };

function tooBroad(entry: string): boolean {
  const [address = "", prefix] = entry.split("/");
  if (prefix === undefined) return false;
  return Number(prefix) < (address.includes(":") ? MIN_PREFIX.v6 : MIN_PREFIX.v4);
}

/**
 * Weak deployment settings, for `npm run cli -- security:check` and the
 * administrators' settings page. `secretKeySet` is passed in because the key
 * is read where secrets are encrypted, not here.
 */
export function securityFindings(env: Env, secretKeySet: boolean): SecurityFinding[] {
  const findings: SecurityFinding[] = [];
  const production = env.NODE_ENV === "production";
  const exposed = !isLoopbackHost(env.HOST);
  if (exposed && !env.APP_ORIGIN) {
    findings.push({
      id: "app-origin",
      level: "weak",
      message: `HOST=${env.HOST} accepts other machines but APP_ORIGIN is not set: forms from them are refused and links point at localhost (in production the server will not start).`,
    });
  }
  if (!secretKeySet) {
    findings.push({
      id: "secret-key",
      level: production ? "weak" : "note",
      message: "RAMPART_SECRET_KEY is not set: secrets stored in the database (second-factor keys) are not encrypted with a key kept apart from it.",
    });
  }
  if (env.APP_ORIGIN?.startsWith("http:") && !isLoopbackHost(new URL(env.APP_ORIGIN).hostname) && !env.SECURE_COOKIES) {
    findings.push({
      id: "http-origin",
      level: "weak",
      message: `APP_ORIGIN is ${env.APP_ORIGIN}, plain HTTP, and cookies are not Secure: session cookies cross the network readable. Serve Rampart over HTTPS.`,
    });
  }
  if (typeof env.TRUST_PROXY === "number" && env.TRUST_PROXY > 2) {
    findings.push({
      id: "trust-proxy",
      level: "weak",
      message: `TRUST_PROXY=${env.TRUST_PROXY} believes ${env.TRUST_PROXY} hops of X-Forwarded-For; with fewer real proxies, clients choose the address that throttling and the audit trail record.`,
    });
  }
  if (Array.isArray(env.TRUST_PROXY) && env.TRUST_PROXY.some(tooBroad)) {
    findings.push({
      id: "trust-proxy",
      level: "weak",
      message: `TRUST_PROXY trusts whole networks (${env.TRUST_PROXY.filter(tooBroad).join(", ")}): any client inside them can choose its recorded address. List the proxies' own addresses.`,
    });
  }
  if (typeof env.TRUST_PROXY === "number" && exposed) {
    findings.push({
      id: "trust-proxy-direct",
      level: "note",
      message: `TRUST_PROXY=${env.TRUST_PROXY} counts hops, and HOST=${env.HOST} is reachable from other machines: make sure only the proxy can reach Rampart, or list the proxy's address instead.`,
    });
  }
  if (env.OIDC_ISSUER?.startsWith("http:") && !isLoopbackHost(new URL(env.OIDC_ISSUER).hostname)) {
    findings.push({
      id: "oidc-http",
      level: "weak",
      message: `OIDC_ISSUER is ${env.OIDC_ISSUER}, plain HTTP on the network: Rampart refuses to talk to it (sign-ins fail). Use the provider's https:// issuer.`,
    });
  }
  if (env.OIDC_ISSUER && env.LOCAL_LOGIN === "all") {
    findings.push({
      id: "local-login",
      level: "note",
      message:
        "Single sign-on is on but everyone may still sign in with a Rampart password: set LOCAL_LOGIN=admins to keep passwords for the break-glass administrator only.",
    });
  }
  if (!env.REQUIRE_MFA) {
    findings.push({
      id: "require-mfa",
      level: "weak",
      message: "REQUIRE_MFA is off: administrators and the CISO office can sign in with a password alone.",
    });
  }
  return findings;
}
