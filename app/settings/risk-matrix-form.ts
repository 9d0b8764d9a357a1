import { z } from "zod";
import { RISK_LEVELS } from "#db/schema/enums";

const label = z.string({ error: "Enter a label." }).trim().min(1, "Enter a label.").max(40, "Keep labels under 40 characters.");
const colour = z.string({ error: "Choose a colour." }).regex(/^#[0-9a-f]{6}$/i, "Use a colour like #dc2626.");
const level = z.enum(RISK_LEVELS, { error: "Choose a level." });

/** The risk-matrix section of /admin/settings: matrix labels, cell levels, colours and the programme's appetite. */
export const RiskMatrixFormSchema = z.object({
  intent: z.literal("risk-matrix"),
  matrixVersion: z.coerce.number().int().min(0),
  programVersion: z.coerce.number().int().min(1),
  likelihoodLabels: z.array(label).length(5, "Give five likelihood labels."),
  impactLabels: z.array(label).length(5, "Give five impact labels."),
  cells: z.array(z.array(level).length(5)).length(5, "Give a level for every cell."),
  colours: z.object({ low: colour, medium: colour, high: colour, critical: colour }),
  appetite: level,
});
export type RiskMatrixForm = z.infer<typeof RiskMatrixFormSchema>;
