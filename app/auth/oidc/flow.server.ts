import { and, eq, gt, isNull, lt } from "drizzle-orm";
import { redirect } from "@remix-run/node";
import * as client from "openid-client";
import { oidcSignIns } from "#db/schema";
import type { AuditContext } from "~/audit/log.server";
import { db } from "~/db.server";
import { readCookie, serverCookie } from "../cookies.server";
import { hashToken } from "../tokens.server";
import { accountForIdentity, refuse, type SsoOutcome } from "./accounts.server";
import { identityFrom, type IdentityClaims } from "./claims";
import { oidcConfiguration } from "./client.server";
import { SsoRefused } from "./refusal";
import type { OidcSettings } from "./settings.server";

/** A sign-in must come back from the provider within this long. */
export const SIGN_IN_PENDING_MS = 10 * 60 * 1000;
const FLOW_COOKIE = "rampart_oidc";
const FLOW_PATH = "/auth/oidc";

const cookie = (request: Request, value: string, maxAgeSeconds: number) => serverCookie(request, FLOW_COOKIE, value, { path: FLOW_PATH, maxAgeSeconds });

export const clearFlowCookie = (request: Request) => cookie(request, "", 0);

/** `state` and the PKCE verifier, as this browser holds them. */
function readFlowCookie(request: Request): { state: string; verifier: string } | null {
  const m = /^([A-Za-z0-9_-]{20,128})\.([A-Za-z0-9_-]{43,128})$/.exec(readCookie(request, FLOW_COOKIE, /^[A-Za-z0-9_.-]{1,300}$/) ?? "");
  return m ? { state: m[1]!, verifier: m[2]! } : null;
}

async function configuration(settings: OidcSettings, ctx: AuditContext) {
  try {
    return await oidcConfiguration(settings);
  } catch (error) {
    refuse(db, ctx, new SsoRefused("provider_unavailable", error instanceof Error ? error.message : String(error)));
  }
}

/**
 * Sends the browser to the provider: authorization code flow with PKCE,
 * `state` and `nonce`. The browser keeps `state` and the verifier in a
 * cookie scoped to /auth/oidc; the database keeps the state's hash, the
 * nonce and where to go afterwards, so the callback can be used once only.
 */
export async function beginSignIn(request: Request, settings: OidcSettings, redirectTo: string | null, ctx: AuditContext): Promise<Response> {
  const config = await configuration(settings, ctx);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const verifier = client.randomPKCECodeVerifier();
  const now = Date.now();
  db.delete(oidcSignIns)
    .where(lt(oidcSignIns.expiresAt, new Date(now).toISOString()))
    .run();
  db.insert(oidcSignIns)
    .values({
      stateHash: hashToken(state),
      nonce,
      redirectTo,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + SIGN_IN_PENDING_MS).toISOString(),
    })
    .run();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: settings.redirectUri,
    scope: settings.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return redirect(url.href, { headers: { "Set-Cookie": cookie(request, `${state}.${verifier}`, SIGN_IN_PENDING_MS / 1000) } });
}

export type CallbackResult = SsoOutcome & { identity: IdentityClaims; redirectTo: string | null };

/**
 * The provider's answer: checks that this browser started this sign-in
 * (`state` matches its cookie) and that it was not used before, exchanges
 * the code (openid-client verifies the ID token's signature, issuer,
 * audience, expiry and nonce), then finds or creates the account. Every
 * refusal is audited and thrown as SsoRefused.
 */
export async function completeSignIn(request: Request, settings: OidcSettings, ctx: AuditContext): Promise<CallbackResult> {
  const params = new URL(request.url).searchParams;
  const error = params.get("error");
  if (error) refuse(db, ctx, new SsoRefused("provider_error", `${error.slice(0, 100)}: ${(params.get("error_description") ?? "").slice(0, 200)}`));
  const held = readFlowCookie(request);
  const state = params.get("state");
  if (!held || !state || state !== held.state) refuse(db, ctx, new SsoRefused("state", held ? "state differs from this browser's" : "no sign-in cookie"));
  const now = new Date().toISOString();
  // Claim the sign-in before anything else, so two callbacks with the same code cannot both proceed.
  const claimed = db
    .update(oidcSignIns)
    .set({ usedAt: now })
    .where(and(eq(oidcSignIns.stateHash, hashToken(state)), isNull(oidcSignIns.usedAt), gt(oidcSignIns.expiresAt, now)))
    .returning({ nonce: oidcSignIns.nonce, redirectTo: oidcSignIns.redirectTo })
    .get();
  if (!claimed) refuse(db, ctx, new SsoRefused("replayed_or_expired"));
  const config = await configuration(settings, ctx);
  // The redirect URI the provider knows, not the Host header this request arrived with.
  const current = new URL(settings.redirectUri);
  current.search = new URL(request.url).search;
  let claims: Record<string, unknown> | undefined;
  try {
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: held.verifier,
      expectedState: state,
      expectedNonce: claimed.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims() as Record<string, unknown> | undefined;
  } catch (error) {
    refuse(db, ctx, new SsoRefused("token", describe(error)));
  }
  if (!claims) refuse(db, ctx, new SsoRefused("token", "no ID token"));
  const identity = identityFrom(claims, settings);
  const outcome = accountForIdentity(db, ctx, identity, { provision: settings.provision });
  return { ...outcome, identity, redirectTo: claimed.redirectTo };
}

/** The failed check in words, for the audit trail: openid-client wraps the specific error (e.g. the "nonce" claim) as its cause. */
function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    const claim = (e as { claim?: unknown }).claim;
    parts.push([typeof code === "string" ? code : null, e.message, typeof claim === "string" ? `(claim ${claim})` : null].filter(Boolean).join(" "));
  }
  return parts.length ? parts.join(" ← ") : String(error);
}
