import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { notifications } from "#db/schema";
import { db } from "~/db.server";
import { runRules } from "~/notifications/engine.server";
import type { NotificationRule, RuleItem } from "~/notifications/rule";
import { signedIn } from "#test/support/factories";
import { TODAY } from "#test/support/today";

// More items than one write transaction takes (500): the run writes them a chunk at a time.
let found: RuleItem[] = [];
const bulk: NotificationRule = {
  key: "bulk_test",
  label: "Bulk test",
  daysLabel: null,
  defaults: { enabled: true, days: 0, repeatDays: 0 },
  visibleWith: "read:program",
  evaluate: () => found,
};
const run = (now = new Date()) => runRules(db, { now, today: TODAY, email: false, origin: "http://localhost:3000", rules: [bulk] });
const stored = () =>
  db
    .select({ id: notifications.id, subjectKey: notifications.subjectKey, version: notifications.version, resolvedAt: notifications.resolvedAt })
    .from(notifications)
    .where(eq(notifications.rule, "bulk_test"))
    .all();

describe("a rule with more items than one write transaction holds", () => {
  let userId: number;
  beforeAll(() => {
    userId = signedIn("ciso_office").user.id;
  });
  const items = (from: number, to: number, title = "Due") =>
    Array.from({ length: to - from }, (_, i) => ({
      subjectKey: `thing:${from + i}`,
      title: `${title} ${from + i}`,
      link: `/things/${from + i}`,
      dueDate: null,
      urgency: "due" as const,
      audience: [userId],
    }));

  it("records every item, across chunks, once", () => {
    found = items(0, 1_234);
    const report = run();
    expect(report.items).toHaveLength(1_234);
    expect(report.items.every((i) => i.change === "new")).toBe(true);
    const rows = stored();
    expect(rows).toHaveLength(1_234);
    expect(new Set(rows.map((r) => r.subjectKey)).size).toBe(1_234);
  });

  it("running again writes nothing for items that did not change, and rewrites one that did", () => {
    const before = new Map(stored().map((r) => [r.id, r.version]));
    found = items(0, 1_234).map((item) => (item.subjectKey === "thing:700" ? { ...item, title: "Due 700, renamed" } : item));
    const again = run();
    expect(again.items.every((i) => i.change === "unchanged")).toBe(true);
    const changed = stored().filter((r) => r.version !== before.get(r.id));
    expect(changed.map((r) => r.subjectKey)).toEqual(["thing:700"]);
  });

  it("resolves, a chunk at a time, every item the rule no longer finds", () => {
    found = items(0, 100);
    const report = run();
    expect(report.resolved).toBe(1_134);
    const rows = stored();
    expect(
      rows
        .filter((r) => r.resolvedAt === null)
        .map((r) => r.subjectKey)
        .sort(),
    ).toEqual(
      items(0, 100)
        .map((i) => i.subjectKey)
        .sort(),
    );
    expect(rows.filter((r) => r.resolvedAt !== null)).toHaveLength(1_134);
  });
});
