import { z } from "zod";
import { NewPasswordSchema } from "~/auth/password-policy.server";
import { EmailSchema, NameSchema, RoleSchema } from "./user-schemas";

export const NewUserSchema = z.object({ email: EmailSchema, name: NameSchema, role: RoleSchema, password: NewPasswordSchema });
export type NewUser = z.infer<typeof NewUserSchema>;
