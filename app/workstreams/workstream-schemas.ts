import { SearchSchema } from "~/lists/list-params";
import { z } from "zod";
import { CSF_FUNCTIONS, LIFECYCLE_STATUSES, RAGS } from "#db/schema/enums";
import { isoDate } from "~/utils/iso-date";

const personId = z.number().int().positive().optional();

function workstreamRules(
  v: { startDate: string; endDate: string; ragOverride?: string; ragOverrideReason?: string; ragOverrideExpiresOn?: string },
  ctx: z.RefinementCtx,
) {
  if (v.endDate < v.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "The end date is before the start date." });
  // An override is a judgement that must explain itself and lapse on its own (design.md rollup rules).
  if (v.ragOverride) {
    if (!v.ragOverrideReason) ctx.addIssue({ code: "custom", path: ["ragOverrideReason"], message: "An override needs a reason." });
    if (!v.ragOverrideExpiresOn) ctx.addIssue({ code: "custom", path: ["ragOverrideExpiresOn"], message: "An override needs an expiry date." });
  } else if (v.ragOverrideReason || v.ragOverrideExpiresOn) {
    ctx.addIssue({ code: "custom", path: ["ragOverride"], message: "Choose the override RAG, or clear the reason and expiry." });
  }
}

const fields = {
  name: z.string({ error: "Enter a name." }).trim().min(3, "The name is too short.").max(120),
  objective: z.string().trim().max(4000).default(""),
  ownerId: personId,
  sponsorId: personId,
  csfFunctions: z.array(z.enum(CSF_FUNCTIONS)).min(1, "Choose at least one CSF function."),
  startDate: isoDate("Start date"),
  endDate: isoDate("End date"),
  lifecycleStatus: z.enum(LIFECYCLE_STATUSES, { error: "Choose a status." }),
  ragOverride: z.enum(RAGS).optional(),
  ragOverrideReason: z.string().trim().min(10, "Give a reason of at least 10 characters.").max(1000).optional(),
  ragOverrideExpiresOn: isoDate("Expiry").optional(),
};

export const WorkstreamCreateSchema = z
  .object({
    code: z
      .string({ error: "Enter a code." })
      .trim()
      .toUpperCase()
      .regex(/^WS-\d{2,5}$/, "Use the form WS-01 (two to five digits)."),
    ...fields,
  })
  .superRefine(workstreamRules);

export const WorkstreamEditSchema = z.object({ version: z.number().int().positive(), ...fields }).superRefine(workstreamRules);

export type WorkstreamCreateInput = z.infer<typeof WorkstreamCreateSchema>;
export type WorkstreamEditInput = z.infer<typeof WorkstreamEditSchema>;

export const WorkstreamFiltersSchema = z.object({
  lifecycle: z.enum(LIFECYCLE_STATUSES).optional().catch(undefined),
  csf: z.enum(CSF_FUNCTIONS).optional().catch(undefined),
  owner: z.coerce.number().int().positive().optional().catch(undefined),
  rag: z
    .enum([...RAGS, "none"])
    .optional()
    .catch(undefined),
  // The list's search (app/lists): here too so the CSV export, reading these filters, exports what the list found.
  q: SearchSchema.optional().catch(undefined),
});
export type WorkstreamFilters = z.infer<typeof WorkstreamFiltersSchema>;
