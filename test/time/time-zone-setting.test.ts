import { beforeAll, describe, expect, it } from "vitest";
import { program } from "#db/schema";
import { asOfInstant } from "~/history/as-of.server";
import { db } from "~/db.server";
import { action, loader } from "~/routes/admin.settings";
import { getProgram } from "~/settings/settings.server";
import { todayIso } from "~/time/today.server";
import { dayIn } from "~/time/zone";
import { signedIn } from "#test/support/factories";
import { auditFor } from "#test/support/delivery-factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";

const post = async (fields: Record<string, string>, role: "admin" | "ciso_office" | "executive" = "admin") =>
  (await settle(() => action(args(postRequest("/admin/settings", { intent: "time-zone", ...fields }, signedIn(role).cookie)) as never))) as Response;
const version = () => String(getProgram(db).version);

describe("the programme's time zone in settings", () => {
  beforeAll(() => {
    db.insert(program).values({ name: "P", startFiscalYear: 2022, endFiscalYear: 2027 }).run();
  });

  it("starts as America/Los_Angeles and is shown to administrators with the zones to choose from", async () => {
    const data = (await loader(args(getRequest("/admin/settings", signedIn("admin").cookie)) as never)) as {
      timeZone: { timeZone: string; programVersion: number; zones: string[] };
    };
    expect(data.timeZone.timeZone).toBe("America/Los_Angeles");
    expect(data.timeZone.programVersion).toBe(getProgram(db).version);
    expect(data.timeZone.zones).toContain("Europe/London");
  });

  it("saves a zone in its canonical spelling, versioned and audited; today and as-of instants follow it at once", async () => {
    const before = getProgram(db);
    // Kiritimati is UTC+14: its day is never the same as Los Angeles' (UTC−8/−7) at the same instant.
    const res = await post({ timeZone: "pacific/kiritimati", programVersion: String(before.version) });
    expect(res.status).toBe(302);
    const after = getProgram(db);
    expect(after.timeZone).toBe("Pacific/Kiritimati");
    expect(after.version).toBe(before.version + 1);
    const [event] = auditFor("program.time_zone.update", after.id);
    expect(JSON.parse(event!.before!)).toEqual({ timeZone: "America/Los_Angeles" });
    expect(JSON.parse(event!.after!)).toEqual({ timeZone: "Pacific/Kiritimati" });
    expect(todayIso()).toBe(dayIn(new Date(), "Pacific/Kiritimati"));
    // 30 June ends at midnight in Kiritimati, 10:00 UTC that day.
    expect(asOfInstant(db, "2026-06-30")).toBe("2026-06-30T10:00:00.000Z");
  });

  it("refuses unknown zones, fixed offsets and empty input beside the field, changing nothing", async () => {
    const before = getProgram(db);
    for (const timeZone of ["Mars/Olympus_Mons", "+05:00", "", "x".repeat(65), "America/Los_Angeles; drop table program"]) {
      const res = await post({ timeZone, programVersion: version() });
      expect(res.status, timeZone).toBe(400);
      const body = (await res.json()) as { errors: { timeZone?: string[] } };
      expect(body.errors.timeZone?.length, timeZone).toBeGreaterThan(0);
    }
    expect(getProgram(db)).toEqual(before);
  });

  it("refuses a stale version with 409 and the stored zone", async () => {
    const stale = String(getProgram(db).version - 1);
    const res = await post({ timeZone: "Europe/London", programVersion: stale });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { current: { timeZone: string } };
    expect(body.current.timeZone).toBe("Pacific/Kiritimati");
    expect(getProgram(db).timeZone).toBe("Pacific/Kiritimati");
  });

  it("is for administrators only", async () => {
    for (const role of ["ciso_office", "executive"] as const) {
      const res = await post({ timeZone: "Europe/London", programVersion: version() }, role);
      expect(res.status, role).toBe(403);
    }
    expect(getProgram(db).timeZone).toBe("Pacific/Kiritimati");
  });
});
