import { z } from "zod";
import type { AuditContext } from "~/audit/log.server";
import { API_SCOPES, API_TOKEN_MAX_DAYS, mayUseApi } from "./api-scopes";
import { ApiTokenRefused, createApiToken } from "./api-tokens.server";
import { reauthenticate, secondFactorMethod } from "./mfa.server";
import type { CurrentUser } from "./require.server";

/** The create-token form on /account; field names match the inputs. */
export const ApiTokenFormSchema = z.object({
  tokenName: z.string({ error: "Name the token." }).trim().min(1, "Name the token.").max(80, "Use at most 80 characters."),
  expiresInDays: z.coerce
    .number({ error: "Choose how long the token lives." })
    .int("Choose a whole number of days.")
    .min(1, "A token lives at least one day.")
    .max(API_TOKEN_MAX_DAYS, `A token lives at most ${API_TOKEN_MAX_DAYS} days.`),
  scopes: z
    .array(z.enum(API_SCOPES, { error: "Choose areas from the list." }))
    .min(1, "Choose at least one area the token may read.")
    .max(API_SCOPES.length),
  confirmation: z.string({ error: "Enter your password or an authenticator code." }).min(1, "Enter your password or an authenticator code.").max(256),
});
export type ApiTokenForm = z.infer<typeof ApiTokenFormSchema>;

type Errors = Partial<Record<keyof ApiTokenForm | "form", string>>;
export type CreateTokenOutcome =
  { ok: true; created: { name: string; token: string; expiresAt: string; scopes: string[] } } | { ok: false; status: number; errors: Errors };

/**
 * Issues a token only to a role granted `read:api`, and only after the user
 * proves again who they are (their password, or a current authenticator code
 * when two-step verification is on): a borrowed or stolen session alone
 * cannot mint a long-lived credential. Guesses share the MFA throttle, so
 * this form cannot be used to guess the password; throws ThrottledError
 * while locked.
 */
export async function createTokenAfterReauth(user: CurrentUser, input: ApiTokenForm, ctx: AuditContext): Promise<CreateTokenOutcome> {
  if (!mayUseApi(user.role)) return { ok: false, status: 403, errors: { form: "Your role may not use the API, so it cannot hold API tokens." } };
  const proof = user.mfaEnabledAt && secondFactorMethod(input.confirmation) === "totp" ? { code: input.confirmation } : { password: input.confirmation };
  if (!(await reauthenticate(user.id, proof, "create_api_token", ctx))) {
    return { ok: false, status: 400, errors: { confirmation: "That is neither your password nor a current authenticator code." } };
  }
  try {
    const created = createApiToken(user.id, { name: input.tokenName, scopes: input.scopes, expiresInDays: input.expiresInDays }, ctx);
    return { ok: true, created: { name: created.name, token: created.token, expiresAt: created.expiresAt, scopes: created.scopes } };
  } catch (error) {
    if (error instanceof ApiTokenRefused) return { ok: false, status: 400, errors: { scopes: error.message } };
    throw error;
  }
}
