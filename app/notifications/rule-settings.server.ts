import type { Db } from "#db/connection";
import { getSetting } from "~/settings/settings.server";
import type { RuleSetting } from "./rule-settings";
import { RULES } from "./rules/registry.server";

/** Each rule's settings in force: the saved ones, or the rule's defaults when never saved. */
export function ruleSettings(db: Pick<Db, "select">): Map<string, RuleSetting> {
  const saved = getSetting(db, "notification_rules");
  return new Map(RULES.map((r) => [r.key, saved[r.key] ?? r.defaults]));
}
