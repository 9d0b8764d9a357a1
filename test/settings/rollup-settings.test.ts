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
  scheduleAmberSlipDays: "7",
  scheduleRedSlipDays: "30",
  costAmberVariancePct: "5",
  costRedVariancePct: "15",
  staleReportDays: "40",
  ...overrides,
});

const post = async (fields: Record<string, string>, role: "admin" | "ciso_office" = "admin") =>
  (await settle(() => action(args(postRequest("/admin/settings", fields, signedIn(role).cookie)) as never))) as Response;

describe("rollup thresholds in settings", () => {
  beforeAll(() => {
    db.insert(program).values({ name: "P", startFiscalYear: 2022, endFiscalYear: 2027 }).run();
  });

  it("saves the thresholds, audited, and no longer writes function-level CSF tiers", async () => {
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
    // The CSF 2.0 tiers live per category on /csf: the old function-level document is never written again.
    expect(db.$client.prepare("select key from settings where key = 'csf_tiers'").all()).toEqual([]);
    const audit = db.$client.prepare("select entity_id as entityId from audit_events where action = 'settings.update'").all();
    expect(audit).toEqual([{ entityId: "rag_thresholds" }]);
  });

  it("refuses red at or below amber, and a negative grace period, with field errors and nothing saved", async () => {
    const before = getSetting(db, "rag_thresholds");
    const res = await post(valid({ scheduleRedSlipDays: "7", outcomeMissingGraceDays: "-1" }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.scheduleRedSlipDays).toEqual(["Red must be more days than amber."]);
    expect(body.errors.outcomeMissingGraceDays).toEqual(["Use 0 or more."]);
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
