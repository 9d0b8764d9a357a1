import type { Db } from "#db/connection";
import type { NotificationUrgency } from "#db/schema/notifications";
import type { Permission } from "~/auth/permissions";
import type { RuleSetting } from "./rule-settings";

export type Reader = Pick<Db, "select" | "all">;

/** One condition a rule found on one row, and who should hear about it. */
export type RuleItem = {
  /** Stable across runs for the same row and period, e.g. `milestone:12`. */
  subjectKey: string;
  /** Plain words naming the row and what is due: no figures, since it is emailed. */
  title: string;
  /** Path inside Rampart to the row (or the page that ends the condition). */
  link: string;
  dueDate: string | null;
  urgency: NotificationUrgency;
  /** User ids derived from the data (owner, lead, sponsor) and roles (executives, CISO office). */
  audience: number[];
};

export type RuleContext = { db: Reader; today: string; setting: RuleSetting };

/**
 * A reminder rule: one file in app/notifications/rules, listed once in
 * rules/index.ts. The engine does the rest (who may see it, notifying,
 * repeating, resolving, emailing, settings on /admin/settings).
 */
export type NotificationRule = {
  key: string;
  label: string;
  /** What `days` means for this rule, shown beside the field; null when the rule has no lead time. */
  daysLabel: string | null;
  defaults: RuleSetting;
  /**
   * A recipient's role must hold this permission, or the item is not theirs
   * whatever the data says: a board member never hears of a draft.
   */
  visibleWith: Permission;
  evaluate(ctx: RuleContext): RuleItem[];
};
