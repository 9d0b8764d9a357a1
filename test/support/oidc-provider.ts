/**
 * A real, certified OpenID provider (the `oidc-provider` package) on
 * 127.0.0.1 for the single sign-on tests. Who signs in is chosen by the
 * test (`signInAs`) instead of a login form; consent is implied, as a
 * company's provider does for its own applications.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
// @ts-expect-error oidc-provider ships no type declarations; the tests use a handful of its calls.
import Provider from "oidc-provider";

export type ProviderAccount = { email?: string; email_verified?: boolean; name?: string; groups?: string[] };
export type Login = { accountId: string; amr?: string[]; acr?: string };

export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, ProviderAccount>;
  /** Who the next sign-in is, and how they authenticated. */
  signInAs: (login: Login) => void;
  /** Follows the browser through the provider from the authorization URL to the callback URL (with code and state). */
  authorize: (authorizationUrl: string) => Promise<URL>;
  stop: () => Promise<void>;
};

type Options = { redirectUris: string[]; postLogoutRedirectUris?: string[]; clientId?: string; idTokenTtlSeconds?: number };

export async function startTestProvider(options: Options): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = options.clientId ?? "rampart";
  const clientSecret = "a-test-client-secret-that-is-long-enough-0123456789";
  const accounts = new Map<string, ProviderAccount>();
  let next: Login | null = null;
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: "RS256", use: "sig", kid: "test" }] },
    cookies: { keys: ["test-cookie-key"] },
    // amr and acr with the openid scope, so every ID token says how the user authenticated (as Entra ID and Okta do).
    claims: { sid: null, iss: null, openid: ["sub", "groups", "amr", "acr", "auth_time"], email: ["email", "email_verified"], profile: ["name"] },
    // The claims of the granted scopes go into the ID token, as Entra ID and Okta do for groups.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    ttl: { IdToken: options.idTokenTtlSeconds ?? 3600, Session: 60, Interaction: 60, Grant: 60, AccessToken: 60, AuthorizationCode: 60 },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, id: string) => {
      const claims = accounts.get(id);
      return claims ? { accountId: id, claims: async () => ({ sub: id, ...claims }) } : undefined;
    },
    loadExistingGrant: async (ctx: {
      oidc: { client: { clientId: string }; session: { accountId: string }; provider: { Grant: new (v: object) => Grant } };
    }) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  provider.use(async (ctx: { path: string; req: http.IncomingMessage; res: http.ServerResponse; respond: boolean }, nextMiddleware: () => Promise<void>) => {
    if (!ctx.path.startsWith("/interaction/")) return nextMiddleware();
    if (!next) throw new Error("The test did not say who signs in (signInAs).");
    const login = next;
    ctx.respond = false;
    await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: login.accountId, amr: login.amr, acr: login.acr, remember: false } });
  });
  server.on("request", provider.callback());

  async function authorize(authorizationUrl: string): Promise<URL> {
    // A fresh cookie jar per sign-in: each one is a new browser at the provider.
    const jar = new Map<string, string>();
    let url = authorizationUrl;
    for (let hop = 0; hop < 10; hop++) {
      const res = await fetch(url, { redirect: "manual", headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
      for (const c of res.headers.getSetCookie()) {
        const [pair = ""] = c.split(";");
        const at = pair.indexOf("=");
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
      const location = res.headers.get("location");
      if (!location) throw new Error(`The provider answered ${res.status} without a redirect: ${(await res.text()).slice(0, 500)}`);
      const target = new URL(location, url);
      if (!target.href.startsWith(issuer)) return target;
      url = target.href;
    }
    throw new Error("Too many redirects at the provider.");
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    signInAs: (login) => {
      next = login;
    },
    authorize,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Grant = { addOIDCScope: (scope: string) => void; save: () => Promise<string> };
