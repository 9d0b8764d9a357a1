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

const SCALE_STEPS = 5;

function fiveOf(value: unknown, fill: (v: unknown) => unknown): unknown[] {
  const list = Array.isArray(value) ? value.slice(0, SCALE_STEPS) : [];
  return Array.from({ length: SCALE_STEPS }, (_, i) => fill(list[i]));
}

/**
 * A refused risk-matrix form comes back with what was sent, and the section
 * renders one input per step of each scale from it. A hand-made post missing
 * `impactLabels[4]` (or sending a list as text) would leave a step without
 * its field and fail the page, so the lists are padded to five.
 */
export function withFullMatrixLists<R extends { initialValue?: Record<string, unknown> | null }>(result: R): R {
  const value = result.initialValue;
  if (!value) return result;
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  return {
    ...result,
    initialValue: {
      ...value,
      likelihoodLabels: fiveOf(value.likelihoodLabels, text),
      impactLabels: fiveOf(value.impactLabels, text),
      cells: fiveOf(value.cells, (row) => fiveOf(row, text)),
    },
  };
}
