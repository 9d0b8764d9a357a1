import { isLoopbackHost, publicOrigin } from "~/deployment/origin.server";
import { type Env, getEnv } from "~/env.server";

export type LocalLoginMode = Env["LOCAL_LOGIN"];

/** Single sign-on as the environment configures it; the client secret never leaves the server. */
export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** Shown on the button: "Sign in with …". */
  name: string;
  rolesClaim: string;
  /** `acr` values meaning the provider enforced a second factor. */
  mfaAcr: string[];
  provision: boolean;
  localLogin: LocalLoginMode;
  redirectUri: string;
  postLogoutRedirectUri: string;
};

export const CALLBACK_PATH = "/auth/oidc/callback";

/** Null when single sign-on is not configured: then nothing about sign-in changes. */
export function oidcSettings(env: Env = getEnv()): OidcSettings | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  // Links sent to the provider start with the configured origin, never the request's Host header, which the client writes.
  const origin = publicOrigin(env);
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    scopes: env.OIDC_SCOPES,
    name: env.OIDC_NAME,
    rolesClaim: env.OIDC_ROLES_CLAIM,
    mfaAcr: env.OIDC_MFA_ACR.split(",")
      .map((v) => v.trim())
      .filter(Boolean),
    provision: env.OIDC_PROVISION,
    localLogin: env.LOCAL_LOGIN,
    redirectUri: `${origin}${CALLBACK_PATH}`,
    postLogoutRedirectUri: `${origin}/login`,
  };
}

/** Who may sign in with a password: everyone unless single sign-on is on and LOCAL_LOGIN says otherwise. */
export function localLoginMode(env: Env = getEnv()): LocalLoginMode {
  return oidcSettings(env) ? env.LOCAL_LOGIN : "all";
}

/**
 * Plain HTTP to the provider only when it runs on this machine (a provider
 * for tests or a local Keycloak); anything on the network must be HTTPS.
 */
export function issuerAllowsHttp(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === "http:" && isLoopbackHost(url.hostname);
}
