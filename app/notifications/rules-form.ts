import { z } from "zod";
import type { RuleSetting } from "./rule-settings";

const days = z.coerce.number({ error: "Enter a number of days." }).int("Use whole days.").min(0, "Use 0 or more.").max(365, "Use at most 365.");

/**
 * The rules form posts `<key>.enabled`, `<key>.days`, `<key>.repeatDays` per
 * rule; field errors are keyed the same way so each shows beside its field.
 */
export function parseRuleSettingsForm(
  form: Record<string, FormDataEntryValue>,
  keys: string[],
): { ok: true; version: number; rules: Record<string, RuleSetting> } | { ok: false; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const rules: Record<string, RuleSetting> = {};
  const version = z.coerce.number().int().min(0).safeParse(form.version);
  if (!version.success) errors.version = ["Missing version."];
  for (const key of keys) {
    const d = days.safeParse(form[`${key}.days`] ?? 0);
    const r = days.safeParse(form[`${key}.repeatDays`] ?? 0);
    if (!d.success) errors[`${key}.days`] = [d.error.issues[0]!.message];
    if (!r.success) errors[`${key}.repeatDays`] = [r.error.issues[0]!.message];
    if (d.success && r.success) rules[key] = { enabled: form[`${key}.enabled`] === "on", days: d.data, repeatDays: r.data };
  }
  if (Object.keys(errors).length || !version.success) return { ok: false, errors };
  return { ok: true, version: version.data, rules };
}
