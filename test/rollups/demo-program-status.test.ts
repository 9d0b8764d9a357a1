import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { db } from "~/db.server";
import { computeProgramStatus } from "~/rollups/status.server";

// The demo programme pinned at 2026-11-24: the programme RAG and its reasons
// are compared with a reviewed fixture, so any change to a rule, a threshold
// or the seed shows up here as a readable diff.
const FIXTURE = path.join(import.meta.dirname, "fixtures/demo-program-2026-11-24.json");

describe("programme status on the demo data", () => {
  beforeAll(async () => {
    await seedDemo(db, { today: "2026-11-24" });
  });

  it("matches the expected fixture, reasons included", () => {
    const status = computeProgramStatus(db, "2026-11-24");
    const summary = {
      overall: status.overall,
      dimensions: status.dimensions,
      workstreams: status.workstreams.map((w) => ({
        code: w.code,
        schedule: w.schedule.rag,
        cost: w.cost.rag,
        risk: w.risk.rag,
        staleness: w.staleness.rag,
        reported: w.reported,
        overall: w.overall.rag,
        override: w.override,
      })),
    };
    if (process.env.UPDATE_FIXTURES === "1") fs.writeFileSync(FIXTURE, `${JSON.stringify(summary, null, 2)}\n`);
    expect(summary).toEqual(JSON.parse(fs.readFileSync(FIXTURE, "utf8")));
  });

  it("reproduces a past quarter from the data as it stood then", () => {
    const then = computeProgramStatus(db, "2023-06-30");
    const now = computeProgramStatus(db, "2026-11-24");
    expect(then.workstreams.map((w) => w.cost.varianceCents)).not.toEqual(now.workstreams.map((w) => w.cost.varianceCents));
  });
});
