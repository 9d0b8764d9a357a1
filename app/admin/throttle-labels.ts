/** What each failed-attempt counter guards, as an administrator reads it (decision 009). */
export const SCOPE_LABELS: Record<string, string> = {
  "login-pair": "Sign-in: this account from this address",
  "login-address": "Sign-in: any account from this address",
  "login-account": "Sign-in: this account from any address",
  mfa: "Second factor",
  "password-change": "Password change",
  setup: "First-administrator set-up link",
  "invite-link": "Invitation links",
  "reset-link": "Password-reset links",
};
