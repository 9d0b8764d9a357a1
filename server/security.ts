import type { NextFunction, Request, Response } from "express";
import crypto from "node:crypto";
import { trustedOrigins } from "~/deployment/origin.server";
import { type Env, getEnv } from "~/env.server";

/** Per-request values handed to Remix through the load context. */
export type RequestLocals = { cspNonce: string; requestId: string };

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // Scripts only from us and only with this response's nonce: no 'unsafe-inline'.
    `script-src 'self' 'nonce-${nonce}'`,
    // Vite injects styles at dev time only; the production build ships one stylesheet.
    dev ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    dev ? "connect-src 'self' ws:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(options: { dev: boolean }) {
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.locals.requestId = crypto.randomUUID();
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, options.dev));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    res.setHeader("X-Request-Id", res.locals.requestId);
    if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    next();
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses every state-changing request whose Origin (or, failing that,
 * Referer) is not this site. SameSite=Lax cookies already stop most
 * cross-site posts; this closes the rest (sibling subdomains, old browsers).
 * "This site" comes from configuration (APP_ORIGIN, or loopback on PORT),
 * never from the Host header the client sends.
 */
export function originCheck(options: { allowedOrigin?: string; env?: Pick<Env, "APP_ORIGIN" | "PORT"> }) {
  const allowed = new Set(options.allowedOrigin ? [new URL(options.allowedOrigin).origin] : trustedOrigins(options.env ?? getEnv()));
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get("origin") ?? refererOrigin(req.get("referer"));
    if (origin && allowed.has(origin)) return next();
    res.status(403).type("text/plain").send("Cross-origin request refused.");
  };
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
