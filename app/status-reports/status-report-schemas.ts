import { z } from "zod";
import { RAGS } from "#db/schema/enums";

const rag = (label: string) => z.enum(RAGS, { error: `Choose the ${label} RAG.` });
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max.toLocaleString("en-US")} characters.`)
    .default("");

export const statusReportFields = {
  ragOverall: rag("overall"),
  ragSchedule: rag("schedule"),
  ragCost: rag("cost"),
  ragScope: rag("scope"),
  ragRisk: rag("risk"),
  summary: z.string({ error: "Write a summary." }).trim().min(10, "Write a summary of at least 10 characters.").max(4000),
  accomplishments: text(4000),
  nextSteps: text(4000),
  blockers: text(4000),
  asks: text(4000),
};

export const StatusReportCreateSchema = z.object({
  period: z.string({ error: "Choose the month." }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use a month like 2024-05."),
  ...statusReportFields,
});

export const StatusReportEditSchema = z.object({
  intent: z.enum(["save", "submit"]),
  version: z.number().int().positive(),
  ...statusReportFields,
});

export type StatusReportValues = Omit<z.infer<typeof StatusReportEditSchema>, "intent" | "version">;

export const STATUS_REPORT_COMPARED_FIELDS = [
  "ragOverall",
  "ragSchedule",
  "ragCost",
  "ragScope",
  "ragRisk",
  "summary",
  "accomplishments",
  "nextSteps",
  "blockers",
  "asks",
  "state",
];
