import { z } from "zod";

// NIST SP 800-63B: length matters, composition rules do not. The check against
// common passwords lives in password-policy.server.ts so the list never ships to browsers.
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export const PasswordLengthSchema = z
  .string({ error: "Enter a password." })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);
