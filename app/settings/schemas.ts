import { z } from "zod";
import { ROLES } from "#db/schema/enums";
import { NotificationRulesSchema, type NotificationRulesSetting } from "~/notifications/rule-settings";
import { DEFAULT_RISK_MATRIX, RiskMatrixSchema } from "~/risks/matrix";

/**
 * RAG thresholds for the rollup engine (design.md "Rollup rules"; explained in docs/rollups.md).
 * Days are calendar days; percentages are whole percent.
 */
export const RagThresholdsSchema = z.object({
  scheduleAmberSlipDays: z.number().int().min(0),
  scheduleRedSlipDays: z.number().int().min(0),
  costAmberVariancePct: z.number().int().min(0),
  costRedVariancePct: z.number().int().min(0),
  staleReportDays: z.number().int().min(1),
  // Outcome dimension (issue 14): defaulted so documents saved before it still parse.
  outcomeRedPeriods: z.number().int().min(1).default(2),
  outcomeMissingGraceDays: z.number().int().min(0).default(15),
});
export type RagThresholds = z.infer<typeof RagThresholdsSchema>;

export const DEFAULT_RAG_THRESHOLDS: RagThresholds = {
  scheduleAmberSlipDays: 14,
  scheduleRedSlipDays: 45,
  costAmberVariancePct: 10,
  costRedVariancePct: 20,
  staleReportDays: 35,
  // A single bad month is noise in most security measures: red after two consecutive red months.
  outcomeRedPeriods: 2,
  // Monthly figures are usually compiled in the first fortnight of the next month.
  outcomeMissingGraceDays: 15,
};

/**
 * Which groups at the company's OpenID provider give which Rampart role, in
 * order: the first rule matching one of the user's groups decides (so list
 * the most privileged first). A user matching none is refused.
 */
export const SsoRoleMapSchema = z.object({
  rules: z
    .array(z.object({ group: z.string().trim().min(1).max(200), role: z.enum(ROLES) }))
    .max(100)
    .refine((rules) => new Set(rules.map((r) => r.group)).size === rules.length, "Each group may appear once."),
});
export type SsoRoleMap = z.infer<typeof SsoRoleMapSchema>;

/** Every settings document: its key in the `settings` table, schema and default. */
export const SETTINGS = {
  rag_thresholds: { schema: RagThresholdsSchema, defaults: DEFAULT_RAG_THRESHOLDS },
  risk_matrix: { schema: RiskMatrixSchema, defaults: DEFAULT_RISK_MATRIX },
  sso_role_map: { schema: SsoRoleMapSchema, defaults: { rules: [] } as SsoRoleMap },
  // Reminder rules (app/notifications/rules): a rule absent here runs with its own defaults.
  notification_rules: { schema: NotificationRulesSchema, defaults: {} as NotificationRulesSetting },
} as const;
export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]["schema"]>;
