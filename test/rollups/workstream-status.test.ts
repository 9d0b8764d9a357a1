import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { db } from "~/db.server";
import { computeProgramStatus, computeWorkstreamStatus } from "~/rollups/status.server";
import { TODAY } from "#test/support/today";

/** A workstream page computes its own status from its own rows: it must equal its row of the programme's status. */
describe("computeWorkstreamStatus", () => {
  const dates = [TODAY, "2025-09-30", "2024-03-31"];

  beforeAll(async () => {
    await seedDemo(db, { today: TODAY });
  });

  it("equals the workstream's row of computeProgramStatus, today and at past quarter ends", () => {
    const ids = db.$client.prepare("select id from workstreams order by id").all() as Array<{ id: number }>;
    expect(ids.length).toBeGreaterThan(5);
    let compared = 0;
    for (const asOf of dates) {
      const programme = new Map(computeProgramStatus(db, asOf).workstreams.map((w) => [w.id, w]));
      for (const { id } of ids) {
        const own = computeWorkstreamStatus(db, asOf, id);
        expect(own, `${id} as of ${asOf}`).toEqual(programme.get(id) ?? null);
        if (own) compared++;
      }
    }
    // Not a vacuous pass: most workstreams exist and are not cancelled on these days, some with reasons.
    expect(compared).toBeGreaterThan(10);
  });

  it("has none for a workstream that does not exist", () => {
    expect(computeWorkstreamStatus(db, TODAY, 999_999)).toBeNull();
  });
});
