import { z } from "zod";
import { ROLES } from "#db/schema/enums";

export const EmailSchema = z
  .string({ error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .max(254, "Use at most 254 characters.")
  .pipe(z.email("Enter a valid email address."));

export const NameSchema = z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(120, "Use at most 120 characters.");

export const RoleSchema = z.enum(ROLES, { error: `Choose one of: ${ROLES.join(", ")}.` });
