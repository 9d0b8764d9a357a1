/** Why a single sign-on was refused; recorded in the audit trail as `auth.sso_refused`. */
export const SSO_REFUSAL_MESSAGES = {
  not_configured: "Single sign-on is not configured on this server.",
  provider_unavailable: "The sign-in service could not be reached. Try again in a few minutes; if it persists, tell your administrator.",
  provider_error: "The sign-in service did not sign you in.",
  state: "This sign-in did not start in this browser, or the link was tampered with. Start again from the sign-in page.",
  replayed_or_expired: "This sign-in link was already used or has expired. Start again from the sign-in page.",
  token: "The sign-in service's answer could not be verified, so you were not signed in. Start again; if it happens again, tell your administrator.",
  missing_email: "Your company account has no email address, which Rampart needs to find your account. Ask your administrator.",
  email_unverified: "Your company account's email address is not verified. Ask your administrator.",
  no_role: "Your company account is not in a group that gives access to Rampart. Ask your administrator if you need access.",
  inactive: "Your Rampart account is deactivated. Ask an administrator.",
  no_account: "There is no Rampart account for your company account, and accounts are not created automatically here. Ask an administrator.",
  linked_elsewhere: "The Rampart account with your email address is linked to another company account. Ask an administrator.",
  link_expired: "The link between your company account and your Rampart account was not completed in time. Start again from the sign-in page.",
} as const;
export type SsoRefusalReason = keyof typeof SSO_REFUSAL_MESSAGES;

export class SsoRefused extends Error {
  constructor(
    readonly reason: SsoRefusalReason,
    /** For the audit trail only (the provider's error, the failed check); never shown to the user. */
    readonly detail?: string,
  ) {
    super(SSO_REFUSAL_MESSAGES[reason]);
  }
}

/** Refusals that mean the request was forged or replayed, not that the user lacks access. */
export function isSuspicious(reason: SsoRefusalReason): boolean {
  return reason === "state" || reason === "replayed_or_expired" || reason === "token";
}
