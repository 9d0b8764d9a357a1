import { beforeAll, describe, expect, it } from "vitest";
import { program } from "#db/schema";
import { db } from "~/db.server";
import { action } from "~/routes/admin.settings";
import { getSetting, getSettingWithVersion } from "~/settings/settings.server";
import { signedIn } from "#test/support/factories";
import { args, postRequest, settle } from "#test/support/requests";

const valid = (overrides: Record<string, string> = {}) => ({
  intent: "rollup-settings",
  thresholdsVersion: String(getSettingWithVersion(db, "rag_thresholds").version),
  tiersVersion: String(getSettingWithVersion(db, "csf_tiers").version),
  scheduleAmberSlipDays: "7",
  scheduleRedSlipDays: "30",
  costAmberVariancePct: "5",
  costRedVariancePct: "15",
  staleReportDays: "40",
  governCurrent: "2",
  governTarget: "4",
  identifyCurrent: "2",
  identifyTarget: "3",
  protectCurrent: "3",
  protectTarget: "4",
  detectCurrent: "2",
  detectTarget: "4",
  respondCurrent: "3",
  respondTarget: "4",
  recoverCurrent: "1",
  recoverTarget: "3",
  ...overrides,
});

const post = async (fields: Record<string, string>, role: "admin" | "ciso_office" = "admin") =>
  (await settle(() => action(args(postRequest("/admin/settings", fields, signedIn(role).cookie)) as never))) as Response;

describe("rollup thresholds and CSF tiers in settings", () => {
  beforeAll(() => {
    db.insert(program).values({ name: "P", startFiscalYear: 2022, endFiscalYear: 2027 }).run();
  });

  it("saves both documents, audited", async () => {
    const res = await post(valid());
    expect(res.status).toBe(302);
    expect(getSetting(db, "rag_thresholds")).toEqual({
      scheduleAmberSlipDays: 7,
      scheduleRedSlipDays: 30,
      costAmberVariancePct: 5,
      costRedVariancePct: 15,
      staleReportDays: 40,
      outcomeRedPeriods: 2,
      outcomeMissingGraceDays: 15,
    });
    expect(getSetting(db, "csf_tiers").recover).toEqual({ current: 1, target: 3 });
    const audit = db.$client.prepare("select * from audit_events where action = 'settings.update'").all();
    expect(audit).toHaveLength(1);
  });

  it("refuses red at or below amber, and a tier of 5, with field errors and nothing saved", async () => {
    const before = getSetting(db, "rag_thresholds");
    const res = await post(valid({ scheduleRedSlipDays: "7", protectTarget: "5" }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.scheduleRedSlipDays).toEqual(["Red must be more days than amber."]);
    expect(body.errors.protectTarget).toBeDefined();
    expect(getSetting(db, "rag_thresholds")).toEqual(before);
  });

  it("refuses a stale version with 409 and the stored values", async () => {
    const res = await post(valid({ thresholdsVersion: "0", scheduleAmberSlipDays: "1" }));
    expect(res.status).toBe(409);
    expect((await res.json()).current.thresholds.scheduleAmberSlipDays).toBe(7);
    expect(getSetting(db, "rag_thresholds").scheduleAmberSlipDays).toBe(7);
  });

  it("is for administrators only", async () => {
    expect((await post(valid(), "ciso_office")).status).toBe(403);
  });
});
