// Data, not code: the zxcvbn-ts common-password dictionary, shipped by its package.
import { dictionary } from "@zxcvbn-ts/language-common";
import { PasswordLengthSchema } from "./password-policy";

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  // Only entries of 8+ characters matter: shorter passwords are refused by length first.
  common ??= new Set(dictionary["passwords-common"].filter((p) => p.length >= 8).map((p) => p.toLowerCase()));
  return common;
}

/** True when the password, or the password without trailing digits and symbols ("Password2024!"), is a known common one. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const base = lower.replace(/[\d\W_]+$/, "");
  return commonPasswords().has(lower) || (base.length >= 8 && commonPasswords().has(base));
}

export const NewPasswordSchema = PasswordLengthSchema.refine(
  (p) => !isCommonPassword(p),
  "This password is too common; choose another (a few unrelated words work well).",
);
