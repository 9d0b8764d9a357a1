import { z } from "zod";
import { OBLIGATION_STATUSES } from "#db/schema/enums";

export const ObligationUpdateSchema = z.object({
  version: z.coerce.number().int().positive(),
  status: z.enum(OBLIGATION_STATUSES, { error: "Choose a status." }),
  evidenceNotes: z.string().trim().max(5000, "Keep the evidence notes under 5,000 characters.").default(""),
});
export type ObligationUpdate = z.infer<typeof ObligationUpdateSchema>;
export const OBLIGATION_EDIT_FIELDS = ["status", "evidenceNotes"];
