import { z } from "zod";

const text = (label: string) =>
  z
    .string()
    .trim()
    .max(8000, { error: `${label} is limited to 8,000 characters.` })
    .optional()
    .transform((v) => v ?? "");

// Conform turns empty fields into undefined, hence the optional text fields.
export const NarrativeSchema = z.object({
  intent: z.literal("edit"),
  version: z.number({ error: "Missing version." }).int().min(1),
  summary: text("The summary"),
  highlights: text("Highlights"),
  concerns: text("Concerns"),
  decisions: text("Decisions"),
});
export type NarrativeInput = z.infer<typeof NarrativeSchema>;
export const NARRATIVE_FIELDS = ["summary", "highlights", "concerns", "decisions"] as const;

export const TransitionSchema = z.object({
  intent: z.enum(["submit", "publish", "send_back", "approve"], { error: "Unknown action." }),
  version: z.number({ error: "Missing version." }).int().min(1),
  // Only read when publishing before the quarter has ended, where it is required (checked by the workflow, which knows the date).
  reason: z.string().trim().max(2000, { error: "The reason is limited to 2,000 characters." }).optional(),
});
export type TransitionIntent = z.infer<typeof TransitionSchema>["intent"];

export const GenerateSchema = z.object({
  intent: z.literal("generate"),
  quarter: z.string({ error: "Choose a quarter." }).regex(/^FY\d{4}-Q[1-4]$/, { error: "Choose a quarter like FY2026-Q4." }),
});
