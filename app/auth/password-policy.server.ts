import { COMMON_PASSWORDS_TEXT } from "./common-passwords";
import { PasswordLengthSchema } from "./password-policy";

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(COMMON_PASSWORDS_TEXT.split("\n"));
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
