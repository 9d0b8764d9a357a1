import * as client from "openid-client";
import { issuerAllowsHttp, type OidcSettings } from "./settings.server";

let cached: { key: string; config: Promise<client.Configuration> } | undefined;

/**
 * The provider's metadata and keys, discovered once per process from
 * `<issuer>/.well-known/openid-configuration` (openid-client checks that the
 * document names the same issuer). A failed discovery is not cached, so the
 * next sign-in tries again once the provider is back.
 */
export function oidcConfiguration(settings: OidcSettings): Promise<client.Configuration> {
  const key = `${settings.issuer}\n${settings.clientId}`;
  if (cached?.key === key) return cached.config;
  const config = client.discovery(
    new URL(settings.issuer),
    settings.clientId,
    { redirect_uris: [settings.redirectUri], response_types: ["code"] },
    client.ClientSecretBasic(settings.clientSecret),
    {
      // The ID token's signature is checked against the provider's published keys even though it comes straight
      // from the token endpoint (where OIDC would let TLS stand in for it): a security tool verifies what it can.
      execute: issuerAllowsHttp(settings.issuer) ? [client.allowInsecureRequests, client.enableNonRepudiationChecks] : [client.enableNonRepudiationChecks],
      timeout: 10,
    },
  );
  cached = { key, config };
  config.catch(() => {
    if (cached?.config === config) cached = undefined;
  });
  return config;
}
