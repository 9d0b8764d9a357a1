import { z } from "zod";

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
/** The rollup thresholds, as posted by the settings form (CSF tiers are set per category on /csf). */
export const RollupSettingsFormSchema = z
  .object({
    thresholdsVersion: z.coerce.number().int().min(0),
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
  })
  .superRefine((v, ctx) => {
    if (v.scheduleRedSlipDays <= v.scheduleAmberSlipDays)
      ctx.addIssue({ code: "custom", path: ["scheduleRedSlipDays"], message: "Red must be more days than amber." });
    if (v.costRedVariancePct <= v.costAmberVariancePct)
      ctx.addIssue({ code: "custom", path: ["costRedVariancePct"], message: "Red must be a larger variance than amber." });
  });
