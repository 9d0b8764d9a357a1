import { describe, expect, it } from "vitest";
import { copyOrder, planSchema, planTable, schemaTables } from "#db/seed/scale/plan";
import { classifyTable, COPIED_TABLES, NOT_COPIED_TABLES } from "#db/seed/scale/tables";

describe("the scale generator's table lists", () => {
  it("say of every table in the schema whether it is copied", () => {
    const unclassified = schemaTables()
      .map(planTable)
      .filter((p) => "unclassified" in p)
      .map((p) => p.name);
    expect(unclassified, "add these to COPIED_TABLES or NOT_COPIED_TABLES in db/seed/scale/tables.ts").toEqual([]);
  });

  it("name only tables that exist, and none twice", () => {
    const names = new Set(planSchema().map((p) => p.name));
    for (const t of [...COPIED_TABLES, ...Object.keys(NOT_COPIED_TABLES)]) expect(names.has(t), t).toBe(true);
    expect(COPIED_TABLES.filter((t) => t in NOT_COPIED_TABLES)).toEqual([]);
  });

  it("leave a new table unclassified, and let history tables follow their entity", () => {
    expect(classifyTable("vendor_ratings", ["vendors"])).toBeNull();
    expect(classifyTable("milestone_history", ["milestones", "users"])).toMatchObject({ copied: true });
    expect(classifyTable("setting_history", [])).toMatchObject({ copied: false });
  });

  it("copy referenced tables first", () => {
    const order = copyOrder(planSchema()).map((p) => p.name);
    expect(order.indexOf("workstreams")).toBeLessThan(order.indexOf("milestones"));
    expect(order.indexOf("milestones")).toBeLessThan(order.indexOf("milestone_dependencies"));
    expect(order.indexOf("risks")).toBeLessThan(order.indexOf("risk_assessments"));
    expect(order.indexOf("actuals")).toBeLessThan(order.indexOf("actual_tags"));
  });

  it("read ids, foreign keys and unique references from the schema", () => {
    const plans = new Map(planSchema().map((p) => [p.name, p]));
    expect(plans.get("milestones")?.idColumn).toBe("id");
    expect(plans.get("milestones")?.foreignKeys.get("workstream_id")).toBe("workstreams");
    expect(plans.get("risk_workstreams")?.idColumn).toBeNull();
    expect(plans.get("actuals")?.uniqueText).toEqual(["reference"]);
  });
});
