import { SearchSchema } from "~/lists/list-params";
import { z } from "zod";
import { DELIVERABLE_STATUSES, ENGAGEMENT_KINDS, ENGAGEMENT_STATUSES } from "#db/schema/enums";
import { isoDate } from "~/utils/iso-date";
import { DollarsSchema } from "~/money/cents";

const engagementFields = {
  vendorId: z.number({ error: "Choose the vendor." }).int().positive(),
  title: z.string({ error: "Enter a title." }).trim().min(3, "The title is too short.").max(200),
  kind: z.enum(ENGAGEMENT_KINDS, { error: "Choose the kind." }),
  sowReference: z.string({ error: "Enter the SOW reference." }).trim().min(2, "Enter the SOW reference.").max(60),
  description: z.string().trim().max(4000).default(""),
  startDate: isoDate("Start date"),
  endDate: isoDate("End date"),
  contractValueCents: DollarsSchema,
  status: z.enum(ENGAGEMENT_STATUSES, { error: "Choose a status." }),
  relationshipOwnerId: z.number().int().positive().optional(),
  workstreamIds: z.array(z.number().int().positive()).default([]),
};

const datesInOrder = (v: { startDate: string; endDate: string }, ctx: z.RefinementCtx) => {
  if (v.endDate < v.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "The end date is before the start date." });
};

export const EngagementCreateSchema = z.object(engagementFields).superRefine(datesInOrder);
export const EngagementEditSchema = z.object({ version: z.number().int().positive(), ...engagementFields }).superRefine(datesInOrder);
export type EngagementInput = z.infer<typeof EngagementCreateSchema>;

const deliverableFields = {
  title: z.string({ error: "Enter a title." }).trim().min(3, "The title is too short.").max(200),
  dueDate: isoDate("Due date"),
  acceptedDate: isoDate("Accepted date").optional(),
  status: z.enum(DELIVERABLE_STATUSES, { error: "Choose a status." }),
  milestoneId: z.number().int().positive().optional(),
};
const acceptedRule = (v: { status: string; acceptedDate?: string }, ctx: z.RefinementCtx) => {
  if (v.status === "accepted" && !v.acceptedDate)
    ctx.addIssue({ code: "custom", path: ["acceptedDate"], message: "An accepted deliverable needs its acceptance date." });
  if (v.status !== "accepted" && v.acceptedDate)
    ctx.addIssue({ code: "custom", path: ["acceptedDate"], message: "Only an accepted deliverable has an acceptance date." });
};
export const DeliverableCreateSchema = z.object({ intent: z.literal("add-deliverable"), ...deliverableFields }).superRefine(acceptedRule);
export const DeliverableEditSchema = z
  .object({ intent: z.literal("edit-deliverable"), deliverableId: z.number().int().positive(), version: z.number().int().positive(), ...deliverableFields })
  .superRefine(acceptedRule);
export type DeliverableInput = z.infer<typeof DeliverableCreateSchema>;

export const EngagementFiltersSchema = z.object({
  vendor: z.coerce.number().int().positive().optional().catch(undefined),
  kind: z.enum(ENGAGEMENT_KINDS).optional().catch(undefined),
  status: z.enum(ENGAGEMENT_STATUSES).optional().catch(undefined),
  workstream: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9-]{1,24}$/)
    .optional()
    .catch(undefined),
  // The list's search (app/lists): here too so the CSV export exports what the list found.
  q: SearchSchema.optional().catch(undefined),
});
export type EngagementFilters = z.infer<typeof EngagementFiltersSchema>;

/** The GET parameter of the engagement form's workstream picker's search. */
export const LINKED_WORKSTREAMS_QUERY = "ws_q";

/** The engagement form's fields but the picker's, to refill the form after a Find without JavaScript. */
export const ENGAGEMENT_DRAFT_FIELDS = [
  "vendorId",
  "title",
  "kind",
  "sowReference",
  "description",
  "startDate",
  "endDate",
  "contractValueCents",
  "status",
  "relationshipOwnerId",
] as const;
