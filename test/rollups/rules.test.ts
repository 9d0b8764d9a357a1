import { describe, expect, it } from "vitest";
import { programStatus, workstreamStatus } from "~/rollups/engine";
import { costRag, riskRag, scheduleRag, stalenessRag } from "~/rollups/rules";
import type { MilestoneSignal, WorkstreamInputs } from "~/rollups/types";
import { DEFAULT_RAG_THRESHOLDS as T } from "~/settings/schemas";

const AS_OF = "2026-11-24";

function ws(overrides: Partial<WorkstreamInputs> = {}): WorkstreamInputs {
  return {
    id: 1,
    code: "WS-03",
    name: "Network segmentation",
    lifecycleStatus: "active",
    milestones: [],
    planToDateCents: 100_000_00,
    actualToDateCents: 100_000_00,
    committedToDateCents: 0,
    risksAboveAppetite: [],
    expiredAcceptances: [],
    outcomes: [],
    lastReportSubmittedOn: "2026-11-03",
    lastReportPeriod: "2026-10",
    reportedRag: "green",
    override: null,
    ...overrides,
  };
}

const ms = (o: Partial<MilestoneSignal>): MilestoneSignal => ({
  id: 7,
  code: "M-WS03-07",
  title: "Segment lab network",
  slipDays: 0,
  overdueDays: 0,
  criticalPath: false,
  ...o,
});

describe("schedule rule", () => {
  it.each([
    { name: "on time", m: {}, rag: "green" },
    { name: "slip at the amber threshold", m: { slipDays: 14 }, rag: "green" },
    { name: "slip one day over amber", m: { slipDays: 15 }, rag: "amber" },
    { name: "slip at the red threshold", m: { slipDays: 45 }, rag: "amber" },
    { name: "slip one day over red", m: { slipDays: 46 }, rag: "red" },
    { name: "overdue by a day", m: { overdueDays: 1 }, rag: "amber" },
    { name: "critical path slipping one day", m: { slipDays: 1, criticalPath: true }, rag: "red" },
    { name: "critical path overdue", m: { overdueDays: 3, criticalPath: true }, rag: "red" },
    { name: "critical path on time", m: { criticalPath: true }, rag: "green" },
  ])("$name → $rag", ({ m, rag }) => {
    const d = scheduleRag(ws({ milestones: [ms(m)] }), T);
    expect(d.rag).toBe(rag);
    expect(d.reasons.length).toBe(rag === "green" ? 0 : 1);
  });

  it("explains a slip with the milestone's code, title and days, linked to it", () => {
    const d = scheduleRag(ws({ milestones: [ms({ slipDays: 52 })] }), T);
    expect(d.reasons[0]).toEqual({
      rag: "red",
      text: "Milestone M-WS03-07 'Segment lab network' forecast 52 days after baseline",
      href: "/milestones?q=M-WS03-07",
    });
  });

  it("lists red reasons before amber ones", () => {
    const d = scheduleRag(ws({ milestones: [ms({ code: "A", slipDays: 20 }), ms({ code: "B", slipDays: 60 })] }), T);
    expect(d.reasons.map((r) => r.rag)).toEqual(["red", "amber"]);
  });

  it("uses the thresholds from settings", () => {
    expect(scheduleRag(ws({ milestones: [ms({ slipDays: 10 })] }), { ...T, scheduleAmberSlipDays: 7 }).rag).toBe("amber");
  });
});

describe("cost rule", () => {
  const plan = 1_000_000_00;
  it.each([
    { name: "on plan", actual: plan, committed: 0, rag: "green" },
    { name: "10.0% over (at the amber threshold)", actual: plan + plan / 10, committed: 0, rag: "green" },
    { name: "10.1% over", actual: plan + 101_000_00, committed: 0, rag: "amber" },
    { name: "20.0% over (at the red threshold)", actual: plan + plan / 5, committed: 0, rag: "amber" },
    { name: "20.1% over", actual: plan + 201_000_00, committed: 0, rag: "red" },
    { name: "commitments beyond actuals count", actual: plan / 2, committed: plan + 250_000_00, rag: "red" },
    { name: "underspend stays green", actual: plan / 2, committed: 0, rag: "green" },
  ])("$name → $rag", ({ actual, committed, rag }) => {
    expect(costRag(ws({ planToDateCents: plan, actualToDateCents: actual, committedToDateCents: committed }), T).rag).toBe(rag);
  });

  it("computes the variance in integer cents and tenths of a percent", () => {
    const d = costRag(ws({ planToDateCents: 300_00, actualToDateCents: 333_33 }), T);
    expect(d.varianceCents).toBe(33_33);
    expect(d.variancePctTenths).toBe(111);
    expect(d.reasons[0]?.text).toMatch(/11\.1% over the plan to date/);
  });

  it("flags spend with no plan", () => {
    const d = costRag(ws({ planToDateCents: 0, actualToDateCents: 5_00 }), T);
    expect(d.rag).toBe("red");
    expect(d.variancePctTenths).toBeNull();
    expect(costRag(ws({ planToDateCents: 0, actualToDateCents: 0 }), T).rag).toBe("green");
  });
});

describe("risk rule", () => {
  const risk = (level: "high" | "critical") => ({ id: 1, code: "R-012", title: "Exposed routers", level, score: level === "critical" ? 20 : 12 });
  it.each([
    { name: "no risks above appetite", o: {}, rag: "green" },
    { name: "a high risk above appetite", o: { risksAboveAppetite: [risk("high")] }, rag: "amber" },
    { name: "a critical risk", o: { risksAboveAppetite: [risk("critical")] }, rag: "red" },
    {
      name: "an expired acceptance",
      o: { expiredAcceptances: [{ riskId: 1, riskCode: "R-004", riskTitle: "Legacy VPN", expiresOn: "2026-10-31" }] },
      rag: "red",
    },
  ])("$name → $rag", ({ o, rag }) => {
    expect(riskRag(ws(o)).rag).toBe(rag);
  });
});

describe("staleness rule", () => {
  it.each([
    { name: "35 days old", last: "2026-10-20", rag: "green" },
    { name: "36 days old", last: "2026-10-19", rag: "amber" },
    { name: "never reported", last: null, rag: "amber" },
  ])("$name → $rag", ({ last, rag }) => {
    expect(stalenessRag(ws({ lastReportSubmittedOn: last }), T, AS_OF).rag).toBe(rag);
  });

  it("ignores workstreams that are not active", () => {
    expect(stalenessRag(ws({ lifecycleStatus: "done", lastReportSubmittedOn: null }), T, AS_OF).rag).toBe("green");
  });
});

describe("overall and overrides", () => {
  it("is the worst of the dimensions and the lead's reported RAG", () => {
    expect(workstreamStatus(ws(), T, AS_OF).overall.rag).toBe("green");
    expect(workstreamStatus(ws({ reportedRag: "amber" }), T, AS_OF).overall.rag).toBe("amber");
    const s = workstreamStatus(ws({ reportedRag: "amber", milestones: [ms({ slipDays: 50 })] }), T, AS_OF);
    expect(s.overall.rag).toBe("red");
    expect(s.overall.reasons[0]?.text).toMatch(/M-WS03-07/);
  });

  it("applies an override in force, shown as an override with its reason", () => {
    const s = workstreamStatus(
      ws({ milestones: [ms({ slipDays: 50 })], override: { rag: "amber", reason: "Recovery plan agreed", expiresOn: "2026-12-31" } }),
      T,
      AS_OF,
    );
    expect(s.overall.rag).toBe("amber");
    expect(s.computed).toBe("red");
    expect(s.overall.reasons[0]?.text).toBe("Manual override to amber until 2026-12-31: Recovery plan agreed");
  });

  it("ignores an override that has expired", () => {
    const s = workstreamStatus(ws({ milestones: [ms({ slipDays: 50 })], override: { rag: "green", reason: "Old", expiresOn: "2026-11-23" } }), T, AS_OF);
    expect(s.overall.rag).toBe("red");
    expect(s.override).toBeNull();
  });

  it("derives the programme from its workstreams, ignoring cancelled ones", () => {
    const p = programStatus(
      [
        ws({ code: "WS-01" }),
        ws({ code: "WS-02", reportedRag: "amber" }),
        ws({ code: "WS-09", lifecycleStatus: "cancelled", milestones: [ms({ slipDays: 90 })] }),
      ],
      T,
      AS_OF,
    );
    expect(p.overall.rag).toBe("amber");
    expect(p.workstreams.map((w) => w.code)).toEqual(["WS-01", "WS-02"]);
    expect(p.overall.reasons[0]).toMatchObject({ rag: "amber", href: "/workstreams/WS-02" });
    expect(p.dimensions.schedule).toBe("green");
  });
});
