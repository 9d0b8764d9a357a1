import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === "1" || v === "true"));

const TRUST_PROXY_HELP = "Give the number of proxies in front of Rampart (usually 1) or their addresses (e.g. 10.0.0.5 or 10.0.0.0/24, comma-separated).";
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = "", prefix, ...extra] = entry.split("/");
  if (extra.length) return false;
  const v4 = IPV4.test(address);
  const v6 = !v4 && /^[0-9a-f:.]+$/i.test(address) && address.includes(":");
  if (!v4 && !v6) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (v4 ? 32 : 128);
}

/**
 * Express's `trust proxy`: a hop count or a list of proxy addresses. Never
 * `true`: trusting every hop lets any client choose the address that the
 * throttles and the audit trail record (penetration test, finding 6).
 */
const TrustProxySchema = z
  .string()
  .optional()
  .transform((raw, ctx): false | number | string[] => {
    const value = raw?.trim() ?? "";
    if (value === "" || value === "0" || value === "false") return false;
    if (/^\d+$/.test(value)) {
      if (Number(value) <= 10) return Number(value);
      ctx.addIssue({ code: "custom", message: `${value} proxies is not plausible. ${TRUST_PROXY_HELP}` });
      return z.NEVER;
    }
    if (value === "true") {
      ctx.addIssue({ code: "custom", message: `"true" would trust every hop, so any client could choose its own address. ${TRUST_PROXY_HELP}` });
      return z.NEVER;
    }
    const entries = value
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean);
    const bad = entries.filter((e) => !isProxyAddress(e));
    const everyone = entries.filter((e) => /\/0$/.test(e));
    if (bad.length || everyone.length) {
      ctx.addIssue({ code: "custom", message: `cannot trust ${[...bad, ...everyone].join(", ")}. ${TRUST_PROXY_HELP}` });
      return z.NEVER;
    }
    return entries;
  });

// An origin only (scheme, host, port): it is compared with the browser's Origin header and starts printed links.
const OriginSchema = z.string().transform((v, ctx) => {
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    ctx.addIssue({ code: "custom", message: "must be a URL like https://rampart.example.com" });
    return z.NEVER;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") ctx.addIssue({ code: "custom", message: "must start with https:// (or http://)" });
  else if (url.pathname !== "/" || url.search || url.hash)
    ctx.addIssue({ code: "custom", message: "must be an origin only, like https://rampart.example.com" });
  return url.origin;
});

// The issuer identifier as the provider publishes it (a path is allowed, e.g. Keycloak's /realms/NAME); no query or fragment.
const OriginOrUrlSchema = z.string().transform((v, ctx) => {
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    ctx.addIssue({ code: "custom", message: "must be a URL like https://login.example.com/tenant" });
    return z.NEVER;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") ctx.addIssue({ code: "custom", message: "must start with https://" });
  else if (url.search || url.hash) ctx.addIssue({ code: "custom", message: "must be the issuer identifier, without ? or #" });
  return v.replace(/\/+$/, "");
});

// Validated once; a bad value stops start-up with a message rather than misbehaving later.
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_PATH: z.string().min(1).default("data/rampart.db"),
  SECURE_COOKIES: flag,
  REQUIRE_MFA: flag,
  // Public origin (the Origin check and printed links); required in production beyond loopback.
  APP_ORIGIN: OriginSchema.optional(),
  // Which reverse proxies' X-Forwarded-For to believe.
  TRUST_PROXY: TrustProxySchema,
  // Single sign-on through the company's OpenID provider (README "Single sign-on"); all three or none.
  OIDC_ISSUER: OriginOrUrlSchema.optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).max(500).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  OIDC_SCOPES: z
    .string()
    .trim()
    .max(500)
    .default("openid email profile")
    .refine((v) => v.split(/\s+/).includes("openid"), "must include openid"),
  OIDC_NAME: z.string().trim().min(1).max(60).default("your company account"),
  // The ID-token claim holding the user's groups, mapped to Rampart roles in /admin/settings.
  OIDC_ROLES_CLAIM: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_:./-]{1,100}$/, "must be a claim name like groups or roles")
    .default("groups"),
  // `acr` values that mean the provider enforced a second factor, comma-separated (besides `amr` mfa/otp/hwk).
  OIDC_MFA_ACR: z.string().trim().max(1000).default(""),
  // Create an account at a first sign-in (on by default when single sign-on is configured).
  OIDC_PROVISION: flag,
  // Who may still sign in with a password once single sign-on is on: everyone, administrators only (break-glass), or no one.
  LOCAL_LOGIN: z.enum(["all", "admins", "off"]).default("all"),
  // Outgoing email (app/mail/config.server.ts): smtp://user:pass@host:587; unset, email is off.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, "must look like smtp://user:password@host:587 (or smtps://… for TLS from the start)")
    .optional(),
  MAIL_FROM: z.string().min(3).max(200).optional(),
});

export type Env = z.infer<typeof EnvSchema> & { REQUIRE_MFA: boolean; SECURE_COOKIES: boolean; OIDC_PROVISION: boolean };

/** Parses an environment without caching it (tests and `security:check` read other values than the process's). */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  const env = parsed.data;
  const oidcParts = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
  const problems: string[] = [];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean))
    problems.push("  OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET: set all three for single sign-on, or none.");
  // Without a provider, turning passwords off would lock everyone out.
  if (env.LOCAL_LOGIN !== "all" && !env.OIDC_ISSUER)
    problems.push(`  LOCAL_LOGIN: ${env.LOCAL_LOGIN} needs single sign-on (OIDC_ISSUER and the client settings).`);
  if (problems.length) throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  return {
    ...env,
    // MFA is required for privileged roles in production unless explicitly turned off.
    REQUIRE_MFA: env.REQUIRE_MFA ?? env.NODE_ENV === "production",
    // An HTTPS origin always gets Secure cookies; SECURE_COOKIES=1 forces them otherwise (a TLS proxy without APP_ORIGIN).
    SECURE_COOKIES: env.SECURE_COOKIES === true || env.APP_ORIGIN?.startsWith("https:") === true,
    OIDC_PROVISION: env.OIDC_PROVISION ?? true,
  };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= loadEnv();
  return cached;
}
