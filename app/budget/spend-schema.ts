import { isoDate } from "~/utils/iso-date";
import { z } from "zod";
import { COST_CATEGORIES, COST_CLASSES } from "#db/schema/enums";
import { parseAmountToCents } from "~/money/cents";

/** One commitment (PO / SOW value) or one actual (invoice), entered by hand. */
export const SpendSchema = z.object({
  kind: z.enum(["commitment", "actual"], { error: "Choose commitment or actual." }),
  id: z.coerce.number().int().positive().optional(),
  version: z.coerce.number().int().positive().optional(),
  reference: z.string({ error: "Enter the reference." }).trim().min(1).max(100),
  date: isoDate("Date"),
  amount: z
    .string({ error: "Enter the amount." })
    .trim()
    .transform((v, ctx) => {
      const cents = parseAmountToCents(v);
      if (cents == null || cents < 0) ctx.addIssue({ code: "custom", message: "Enter an amount like 1234.56." });
      return cents ?? 0;
    }),
  workstream: z.string({ error: "Choose the workstream." }).trim().min(1).max(20),
  engagement: z.string().trim().max(100).optional(),
  category: z.enum(COST_CATEGORIES, { error: "Choose a category." }),
  costClass: z.enum(COST_CLASSES, { error: "Choose capex or opex." }),
  description: z.string().trim().max(500).default(""),
  tags: z
    .string()
    .trim()
    .max(300)
    .optional()
    .transform((v, ctx) => {
      const tags = [
        ...new Set(
          (v ?? "")
            .split(/[;,\s]+/)
            .map((t) => t.toLowerCase())
            .filter(Boolean),
        ),
      ];
      if (tags.some((t) => !/^[a-z0-9][a-z0-9-]{0,39}$/.test(t)))
        ctx.addIssue({ code: "custom", message: "Tags are lower-case words with dashes, separated by commas." });
      return tags;
    }),
});
export type SpendInput = z.infer<typeof SpendSchema>;
// Compared in the conflict view (amounts in cents; workstream and engagement are compared by the save itself).
export const SPEND_FIELDS = ["reference", "date", "amountCents", "category", "costClass", "description"];
