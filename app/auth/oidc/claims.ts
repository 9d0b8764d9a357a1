import type { SsoRoleMap } from "~/settings/schemas";
import type { Role } from "#db/schema/enums";

/** What Rampart reads from a verified ID token. */
export type IdentityClaims = {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean | null;
  name: string | null;
  groups: string[];
  providerMfa: boolean;
  /** When the ID token expires: the session may not outlive what the provider allows. */
  expiresAt: Date;
};

// RFC 8176 authentication method references that are a second factor or a phishing-resistant key.
const MFA_AMR = new Set(["mfa", "otp", "hwk"]);

/** The groups claim as a list: providers send an array, a single string, or nothing. */
export function groupsFrom(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  return list.filter((g): g is string => typeof g === "string" && g.length > 0 && g.length <= 500).slice(0, 500);
}

/** Whether the provider asserts it enforced a second factor: `amr` says so, or `acr` is one the administrator configured. */
export function providerAssertsMfa(amr: unknown, acr: unknown, mfaAcr: string[]): boolean {
  if (Array.isArray(amr) && amr.some((m) => typeof m === "string" && MFA_AMR.has(m))) return true;
  return typeof acr === "string" && mfaAcr.includes(acr);
}

/** The first rule naming one of the user's groups decides the role; null when none does. */
export function roleForGroups(map: SsoRoleMap, groups: string[]): Role | null {
  const mine = new Set(groups);
  return map.rules.find((rule) => mine.has(rule.group))?.role ?? null;
}

/** The claims Rampart uses, from an ID token whose signature, issuer, audience, expiry and nonce openid-client has checked. */
export function identityFrom(claims: Record<string, unknown>, options: { rolesClaim: string; mfaAcr: string[] }): IdentityClaims {
  const text = (v: unknown, max: number) => (typeof v === "string" && v.trim() ? v.trim().slice(0, max) : null);
  const email = text(claims.email, 254)?.toLowerCase() ?? null;
  return {
    issuer: String(claims.iss),
    subject: String(claims.sub),
    email: email && /^[^\s@]+@[^\s@]+$/.test(email) ? email : null,
    emailVerified: typeof claims.email_verified === "boolean" ? claims.email_verified : null,
    name: text(claims.name, 200) ?? text([claims.given_name, claims.family_name].filter(Boolean).join(" "), 200),
    groups: groupsFrom(claims[options.rolesClaim]),
    providerMfa: providerAssertsMfa(claims.amr, claims.acr, options.mfaAcr),
    expiresAt: new Date(Number(claims.exp) * 1000),
  };
}
