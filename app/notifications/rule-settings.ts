import { z } from "zod";

/** What an administrator can change about one rule (on /admin/settings, with history like every setting). */
export const RuleSettingSchema = z.object({
  enabled: z.boolean(),
  /** How many days ahead "due" starts (the rule says what it counts from); 0 for rules without a lead time. */
  days: z.number().int().min(0).max(365),
  /** Days before a reminder for something still open is repeated; 0 never repeats. */
  repeatDays: z.number().int().min(0).max(365),
});
export type RuleSetting = z.infer<typeof RuleSettingSchema>;

/**
 * Every rule's settings, keyed by rule key. A rule never saved (or added
 * after the last save, like the KPI rule to come) takes its own defaults.
 */
export const NotificationRulesSchema = z.record(z.string().regex(/^[a-z][a-z0-9_]{0,49}$/), RuleSettingSchema);
export type NotificationRulesSetting = z.infer<typeof NotificationRulesSchema>;
