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
    issuerAllowsHttp(settings.issuer) ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
  );
  cached = { key, config };
  config.catch(() => {
    if (cached?.config === config) cached = undefined;
  });
  return config;
}
