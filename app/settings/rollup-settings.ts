import { z } from "zod";
import { CSF_FUNCTIONS } from "#db/schema/enums";

const days = (what: string) =>
  z.coerce
    .number({ error: `Enter ${what} in days.` })
    .int("Use whole days.")
    .min(0, "Use 0 or more.")
    .max(365, "Use at most 365.");
const pct = (what: string) =>
  z.coerce
    .number({ error: `Enter ${what} in percent.` })
    .int("Use a whole percent.")
    .min(0, "Use 0 or more.")
    .max(100, "Use at most 100.");
const tier = z.coerce.number().int().min(1, "Tiers run 1–4.").max(4, "Tiers run 1–4.");

/** The rollup thresholds and CSF tier targets, as posted by the settings form. */
export const RollupSettingsFormSchema = z
  .object({
    thresholdsVersion: z.coerce.number().int().min(0),
    tiersVersion: z.coerce.number().int().min(0),
    scheduleAmberSlipDays: days("the amber slip"),
    scheduleRedSlipDays: days("the red slip"),
    costAmberVariancePct: pct("the amber variance"),
    costRedVariancePct: pct("the red variance"),
    staleReportDays: days("the staleness limit").min(1, "Use at least 1 day."),
    outcomeRedPeriods: z.coerce
      .number({ error: "Enter a number of months." })
      .int("Use whole months.")
      .min(1, "Use at least 1 month.")
      .max(12, "Use at most 12 months.")
      .default(2),
    outcomeMissingGraceDays: days("the grace period").default(15),
    ...Object.fromEntries(
      CSF_FUNCTIONS.flatMap((fn) => [
        [`${fn}Current`, tier],
        [`${fn}Target`, tier],
      ]),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.scheduleRedSlipDays <= v.scheduleAmberSlipDays)
      ctx.addIssue({ code: "custom", path: ["scheduleRedSlipDays"], message: "Red must be more days than amber." });
    if (v.costRedVariancePct <= v.costAmberVariancePct)
      ctx.addIssue({ code: "custom", path: ["costRedVariancePct"], message: "Red must be a larger variance than amber." });
  });
