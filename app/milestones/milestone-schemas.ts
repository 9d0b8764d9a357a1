import { SearchSchema } from "~/lists/list-params";
import { isoDate } from "~/utils/iso-date";
import { z } from "zod";
import { MILESTONE_STATUSES } from "#db/schema/enums";

const code = z
  .string({ error: "Enter a code." })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,23}$/, "Use 2–24 letters, digits or dashes, e.g. WS01-M03.");

const milestoneFields = {
  title: z.string({ error: "Enter a title." }).trim().min(3, "The title is too short.").max(200, "Keep the title under 200 characters."),
  description: z.string().trim().max(4000, "Keep the description under 4,000 characters.").default(""),
  forecastDate: isoDate("Forecast").optional(),
  status: z.enum(MILESTONE_STATUSES, { error: "Choose a status." }),
  percentComplete: z.number({ error: "Enter a whole number from 0 to 100." }).int("Enter a whole number.").min(0, "At least 0.").max(100, "At most 100."),
  weight: z.number({ error: "Enter a whole number of at least 1." }).int("Enter a whole number.").min(1, "At least 1.").max(100, "At most 100."),
  criticalPath: z.boolean().default(false),
  dependsOn: z.array(z.number().int().positive()).default([]),
};

function doneNeedsActual<T extends { status: string; actualDate?: string; percentComplete: number }>(v: T, ctx: z.RefinementCtx) {
  if (v.status === "done" && !v.actualDate) ctx.addIssue({ code: "custom", path: ["actualDate"], message: "A done milestone needs its actual date." });
  if (v.status !== "done" && v.actualDate) ctx.addIssue({ code: "custom", path: ["actualDate"], message: "Only a done milestone has an actual date." });
  if (v.status === "done" && v.percentComplete !== 100)
    ctx.addIssue({ code: "custom", path: ["percentComplete"], message: "A done milestone is 100% complete." });
}

export const MilestoneCreateSchema = z
  .object({
    workstreamId: z.number({ error: "Choose a workstream." }).int().positive(),
    code,
    baselineDate: isoDate("Baseline"),
    actualDate: isoDate("Actual date").optional(),
    ...milestoneFields,
  })
  .superRefine(doneNeedsActual);

// The baseline is deliberately absent: it changes only through a re-baseline with a reason.
export const FORECAST_REASON_MIN = 10;

export const MilestoneEditSchema = z
  .object({
    intent: z.literal("update"),
    version: z.number().int().positive(),
    actualDate: isoDate("Actual date").optional(),
    // Required when the forecast moves; only the server knows the forecast it moves from (updateMilestone checks).
    forecastReason: z.string().trim().max(2000, "Keep the reason under 2,000 characters.").default(""),
    ...milestoneFields,
  })
  .superRefine(doneNeedsActual);

export const MilestoneCompleteSchema = z.object({
  intent: z.literal("complete"),
  version: z.number().int().positive(),
  actualDate: isoDate("Actual date"),
});

export const RebaselineSchema = z.object({
  intent: z.literal("rebaseline"),
  version: z.number().int().positive(),
  newBaselineDate: isoDate("New baseline"),
  reason: z.string({ error: "Say why the baseline changes." }).trim().min(10, "Give a reason of at least 10 characters.").max(2000),
});

/** The GET parameter of the "Depends on" picker's search. */
export const DEPENDENCY_QUERY = "dep_q";
/** The GET parameter of a single "linked milestone" picker's search (an engagement's deliverable). */
export const LINKED_MILESTONE_QUERY = "ms_q";

export type MilestoneCreateInput = z.infer<typeof MilestoneCreateSchema>;
export type MilestoneEditInput = z.infer<typeof MilestoneEditSchema>;

export const MILESTONE_FILTER_DUE = ["overdue", "30", "90"] as const;

/** Query-string filters; an unknown value is ignored rather than failing the page. */
export const MilestoneFiltersSchema = z.object({
  workstream: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9-]{1,24}$/)
    .optional()
    .catch(undefined),
  status: z.enum(MILESTONE_STATUSES).optional().catch(undefined),
  due: z.enum(MILESTONE_FILTER_DUE).optional().catch(undefined),
  slipped: z.literal("1").optional().catch(undefined),
  slippedOriginal: z.literal("1").optional().catch(undefined),
  rebaselined: z.literal("1").optional().catch(undefined),
  q: SearchSchema.optional().catch(undefined),
});
export type MilestoneFilters = z.infer<typeof MilestoneFiltersSchema>;

export function parseFilters<S extends z.ZodType>(schema: S, url: URL): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (v !== "") raw[k] = v;
  return schema.parse(raw);
}
