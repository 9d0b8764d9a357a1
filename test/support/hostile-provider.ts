/**
 * A minimal OpenID provider that answers the token request with an ID token
 * the test crafts: signed by its published key or another, with any issuer,
 * audience, expiry or nonce. It checks the app's verification of the token,
 * which a correct provider (test/support/oidc-provider.ts) never exercises.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";

export type CraftToken = (defaults: JWTPayload & { nonce: string }) => { claims: JWTPayload; signWithOtherKey?: boolean };

export async function startHostileProvider(clientId: string) {
  const published = await generateKeyPair("RS256", { extractable: true });
  const other = await generateKeyPair("RS256", { extractable: true });
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let craft: CraftToken = (d) => ({ claims: d });
  let nonce = "";
  server.on("request", async (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
      });
    }
    if (url.pathname === "/jwks") return json(200, { keys: [{ ...(await exportJWK(published.publicKey)), kid: "k1", alg: "RS256", use: "sig" }] });
    if (url.pathname === "/token") {
      const now = Math.floor(Date.now() / 1000);
      const { claims, signWithOtherKey } = craft({
        iss: issuer,
        aud: clientId,
        sub: "sub-hostile",
        iat: now,
        exp: now + 600,
        nonce,
        email: "mallory@corp.example",
      });
      const idToken = await new SignJWT(claims)
        .setProtectedHeader({ alg: "RS256", kid: "k1" })
        .sign(signWithOtherKey ? other.privateKey : published.privateKey);
      return json(200, { access_token: "at-123", token_type: "Bearer", expires_in: 600, id_token: idToken });
    }
    json(404, { error: "not_found" });
  });
  return {
    issuer,
    /** The token the next token request answers with, built from correct defaults. */
    answerWith: (fn: CraftToken) => {
      craft = fn;
    },
    /** The nonce the app sent, read from its authorization URL (the browser would carry it to the provider). */
    expectNonce: (value: string) => {
      nonce = value;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
