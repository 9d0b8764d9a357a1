/** Events after which nothing issued to the user before may still work (pentest finding 7), and how /account and the API name them. */
export const CREDENTIAL_REVOCATION_REASONS = [
  "password_change",
  "password_reset",
  "sign_out_everywhere",
  "mfa_enable",
  "mfa_reset",
  "role_change",
  "deactivation",
  "sso_access_removed",
] as const;
export type CredentialRevocationReason = (typeof CREDENTIAL_REVOCATION_REASONS)[number];

const REVOKED_BECAUSE: Record<CredentialRevocationReason | "owner", string> = {
  owner: "revoked by its owner",
  password_change: "password changed",
  password_reset: "password reset",
  sign_out_everywhere: "signed out everywhere",
  mfa_enable: "two-step verification turned on",
  mfa_reset: "two-step verification reset",
  role_change: "role changed",
  deactivation: "account deactivated",
  sso_access_removed: "access removed at the identity provider",
};

/** Why a token stopped, in a few words; empty for a reason this version does not know. */
export function revocationLabel(reason: string | null): string {
  return reason && Object.hasOwn(REVOKED_BECAUSE, reason) ? REVOKED_BECAUSE[reason as keyof typeof REVOKED_BECAUSE] : "";
}
