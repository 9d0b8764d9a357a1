import { measureFigures } from "~/figures/measures.server";
import { audienceOf, usersWithRoles } from "../audience.server";
import type { NotificationRule, RuleItem } from "../rule";

/**
 * An outcome measure without its value for a period that has closed (after
 * the grace days in the RAG settings): the figures layer's "missing value"
 * finding (docs/figures.md#measures). The measure's owner and the CISO office
 * are told; the link leads to the monthly grid where the value is entered.
 */
export const measureValueMissingRule: NotificationRule = {
  key: "measure_value_missing",
  label: "Outcome measure value missing",
  daysLabel: null,
  defaults: { enabled: true, days: 0, repeatDays: 7 },
  visibleWith: "read:program",
  evaluate({ db, today }) {
    const missing = measureFigures(db, today).filter((m) => m.missingPeriod !== null);
    if (!missing.length) return [];
    const ciso = usersWithRoles(db, ["ciso_office"]);
    return missing.map((m): RuleItem => ({
      subjectKey: `measure:${m.id}:${m.missingPeriod}`,
      title: `Measure ${m.key} ${m.name}: no value for ${m.missingPeriod}`,
      link: `/measures/${encodeURIComponent(m.key)}`,
      dueDate: null,
      urgency: "overdue",
      audience: audienceOf([m.ownerId], ciso),
    }));
  },
};
