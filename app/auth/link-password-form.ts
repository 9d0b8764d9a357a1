import { z } from "zod";
import { PasswordLengthSchema } from "./password-policy";

// The form behind a one-time link (an invitation, a password reset): the
// link's token and the new password twice. The browser checks length and
// match; the server schema adds the common-password list, which stays there.

/** The shape of a one-time link's token (base32 of 10–40 random bytes), checked before any lookup. */
export const LINK_TOKEN_FORMAT = /^[a-z2-7]{16,64}$/;

const matching = (v: { password: string; confirmPassword: string }) => v.password === v.confirmPassword;
const mismatch = { path: ["confirmPassword"], message: "The two passwords differ." };

export function linkPasswordSchema(password: z.ZodType<string>) {
  return z.object({ token: z.string().max(100), password, confirmPassword: z.string({ error: "Enter the password again." }) }).refine(matching, mismatch);
}

export const LinkPasswordSchema = linkPasswordSchema(PasswordLengthSchema);
