import * as client from "openid-client";
import { oidcConfiguration } from "./client.server";
import { oidcSettings } from "./settings.server";

/**
 * Where to send the browser after signing out of a single sign-on session:
 * the provider's end-session endpoint (RP-initiated logout), so the company
 * sign-in ends too, when the provider offers one; otherwise our log-in page.
 * A provider that cannot be reached does not stop the sign-out here.
 */
export async function afterSsoLogout(): Promise<string> {
  const settings = oidcSettings();
  if (!settings) return "/login";
  try {
    const config = await oidcConfiguration(settings);
    if (!config.serverMetadata().end_session_endpoint) return "/login";
    return client.buildEndSessionUrl(config, { client_id: settings.clientId, post_logout_redirect_uri: settings.postLogoutRedirectUri }).href;
  } catch {
    return "/login";
  }
}
