import { linkPasswordSchema } from "./link-password-form";
import { NewPasswordSchema } from "./password-policy.server";

/** The one-time link's form as the server checks it: common passwords are refused too. */
export const LinkPasswordServerSchema = linkPasswordSchema(NewPasswordSchema);
